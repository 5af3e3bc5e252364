import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { APIContext, MiddlewareHandler } from 'astro'
import { createContext, sequence } from 'astro/middleware'

// Astro's own response-cookie code (dist/core/cookies), which its exports map does not list.
const astro = dirname(createRequire(import.meta.url).resolve('astro/package.json'))
const cookies = (await import(pathToFileURL(join(astro, 'dist/core/cookies/index.js')).href)) as {
  attachCookiesToResponse(response: Response, cookies: APIContext['cookies']): void
  getSetCookiesFromResponse(response: Response): Iterable<string>
}

/**
 * A request through Astro's middleware as its server runs it: the context from `createContext`
 * (Astro's own `AstroCookies`, `locals`), the chain composed by `sequence`, the page as `next`,
 * then `context.cookies` attached to the response and appended as `Set-Cookie`, as Astro's
 * `RenderContext` and `App.render({ addCookieHeader: true })` do.
 */
export async function render(
  request: Request,
  middleware: MiddlewareHandler,
  page: (context: APIContext) => Response | Promise<Response>,
): Promise<Response> {
  const context = createContext({ request, defaultLocale: 'en', locals: {} as App.Locals })
  const response = await sequence(middleware)(context, async () => page(context))
  if (!(response instanceof Response)) throw new Error('The middleware answered no Response.')
  cookies.attachCookiesToResponse(response, context.cookies)
  for (const line of cookies.getSetCookiesFromResponse(response)) {
    response.headers.append('Set-Cookie', line)
  }
  return response
}
