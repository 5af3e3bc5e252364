import { AppRouteRouteModule } from 'next/dist/server/route-modules/app-route/module.js'
import { NextRequest } from 'next/server'

type Handler = (request: NextRequest) => Response | Promise<Response>

/**
 * Next.js' own runtime for one app route: the `AppRouteRouteModule` a built app wraps each
 * `route.ts` in. `handle()` sets up Next's request store, so `cookies()` and `headers()` from
 * `next/headers` and `redirect()` from `next/navigation` behave as in `next start`, and the
 * cookies set through `cookies()` reach the response as Next sends them.
 */
export function appRoute(handlers: { GET?: Handler; POST?: Handler }) {
  const module = new AppRouteRouteModule({
    userland: () => handlers,
    definition: {
      kind: 'APP_ROUTE',
      page: '/test/route',
      pathname: '/test',
      filename: 'route',
      bundlePath: 'app/test/route',
    },
    distDir: '.next',
    relativeProjectDir: '',
    resolvedPagePath: '/app/test/route.ts',
    nextConfigOutput: undefined,
  } as unknown as ConstructorParameters<typeof AppRouteRouteModule>[0])
  return (request: Request): Promise<Response> =>
    module.handle(new NextRequest(request), {
      renderOpts: { experimental: {}, supportsDynamicResponse: true },
      previewProps: {
        previewModeId: 'test',
        previewModeEncryptionKey: 'test',
        previewModeSigningKey: 'test',
      },
      sharedContext: { buildId: 'test', deploymentId: '' },
    } as unknown as Parameters<typeof module.handle>[1])
}

/** The `Cookie` header a browser would send back after `response`. */
export function cookieHeaderAfter(response: Response): string {
  return response.headers
    .getSetCookie()
    .map((line) => line.split(';', 1)[0]!)
    .filter((pair) => !pair.endsWith('='))
    .join('; ')
}

/**
 * A request as a Next.js server hands it to a route: Next adds `X-Forwarded-Host`, `-Port`,
 * `-Proto` and `-For` to every request (base-server.ts) and builds the URL from them.
 */
export function nextRequest(url: string, init: RequestInit = {}): Request {
  const { protocol, host, port } = new URL(url)
  const headers = new Headers(init.headers)
  headers.set('host', host)
  headers.set('x-forwarded-host', host)
  headers.set('x-forwarded-port', port || (protocol === 'https:' ? '443' : '80'))
  headers.set('x-forwarded-proto', protocol.slice(0, -1))
  headers.set('x-forwarded-for', '::1')
  return new Request(url, { ...init, headers })
}
