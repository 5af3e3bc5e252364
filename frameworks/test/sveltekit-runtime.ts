import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { type Cookies, type Handle, isRedirect, type RequestEvent } from '@sveltejs/kit'

interface KitCookies {
  cookies: Cookies
  new_cookies: Map<string, unknown>
  set_trailing_slash(mode: 'never' | 'always' | 'ignore'): void
}

// SvelteKit's own cookie code (src/runtime/server/cookie.js, which its server runs for every
// request); the package's exports map does not list it, so it is loaded by its path.
const kit = dirname(createRequire(import.meta.url).resolve('@sveltejs/kit/package.json'))
const cookieModule = (await import(
  pathToFileURL(join(kit, 'src/runtime/server/cookie.js')).href
)) as {
  get_cookies(request: Request, url: URL): KitCookies
  add_cookies_to_headers(headers: Headers, cookies: Iterable<unknown>): void
}

/**
 * What SvelteKit's `respond` does around `hooks.server`'s `handle` (src/runtime/server/respond.js),
 * with kit's own `event.cookies`: the route stands in for kit's router, a thrown `redirect()` is
 * turned into its response, and the cookies set through `event.cookies` are added to the
 * response `resolve` returns, as kit adds them.
 */
export async function respond(
  request: Request,
  handle: Handle,
  route: (event: RequestEvent) => Response | Promise<Response>,
): Promise<Response> {
  const url = new URL(request.url)
  const { cookies, new_cookies, set_trailing_slash } = cookieModule.get_cookies(request, url)
  set_trailing_slash('never')
  const event = {
    request,
    url,
    cookies,
    locals: {},
    params: {},
    route: { id: url.pathname },
    platform: undefined,
    isDataRequest: false,
    isSubRequest: false,
    isRemoteRequest: false,
    fetch,
    getClientAddress: () => '127.0.0.1',
    setHeaders: () => {},
  } as unknown as RequestEvent
  return handle({
    event,
    resolve: async (resolved) => {
      let response: Response
      try {
        response = await route(resolved)
      } catch (error) {
        if (!isRedirect(error)) throw error
        response = new Response(null, {
          status: error.status,
          headers: { location: error.location },
        })
      }
      cookieModule.add_cookies_to_headers(response.headers, new_cookies.values())
      return response
    },
  })
}
