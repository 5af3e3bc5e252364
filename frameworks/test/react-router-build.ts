import { createRequestHandler, type ServerBuild } from 'react-router'

type RouteModule = Record<string, unknown>

/**
 * A server build as `react-router build` emits it, made by hand (no Vite): a root route, the
 * route modules under test, and an entry whose document is the loader data React Router
 * gathered, as JSON. `createRequestHandler` is what `react-router-serve` and
 * `@react-router/node` run, with single fetch (`/login.data`) and document requests.
 */
export function requestHandler(routes: Record<string, { path: string; module: RouteModule }>) {
  const manifest: Record<string, unknown> = {
    root: { id: 'root', path: '', module: { default: () => null } },
  }
  for (const [id, { path, module }] of Object.entries(routes)) {
    manifest[id] = { id, parentId: 'root', path, module: { default: () => null, ...module } }
  }
  const build = {
    entry: {
      module: {
        default: (
          _request: Request,
          status: number,
          headers: Headers,
          context: { staticHandlerContext: { loaderData: unknown } },
        ) => {
          headers.set('Content-Type', 'application/json')
          return new Response(JSON.stringify(context.staticHandlerContext.loaderData), {
            status,
            headers,
          })
        },
      },
    },
    routes: manifest,
    assets: {
      entry: { module: '/entry.js', imports: [] },
      routes: {},
      url: '/manifest.js',
      version: '1',
    },
    publicPath: '/',
    assetsBuildDirectory: 'build/client',
    future: {},
    ssr: true,
    isSpaMode: false,
    prerender: [],
    routeDiscovery: { mode: 'lazy', manifestPath: '/__manifest' },
  } as unknown as ServerBuild
  return createRequestHandler(build, 'production')
}
