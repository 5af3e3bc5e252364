import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { fileURLToPath } from 'node:url'
import { session, verifyCsrfToken } from '@crumbs/server/node'
import { build } from 'esbuild'

const ENTRY = fileURLToPath(new URL('../../src/index.ts', import.meta.url))

/** The client, bundled for the page as a script that sets `window.crumbs`. */
async function bundleClient(): Promise<string> {
  const result = await build({
    entryPoints: [ENTRY],
    bundle: true,
    format: 'iife',
    globalName: 'crumbs',
    platform: 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
  })
  return result.outputFiles[0]!.text
}

/** A page or script a suite adds to the server, made per request from its `Cookie` header. */
export interface ExtraRoute {
  readonly type: string
  readonly body: (cookieHeader: string | undefined) => string | Promise<string>
}

export interface TestServer {
  /** `http://127.0.0.1:<port>`. */
  readonly url: string
  close(): Promise<void>
}

const SECRET = 'a-test-secret-of-at-least-thirty-two-bytes'

/**
 * A node:http server on 127.0.0.1 that serves the client bundle on blank pages and, through
 * @crumbs/server's node adapter, sets and reads cookies the way an app would:
 * - `GET /server/set?name=&value=[&path=]` answers with `res.setCookie(name, value, { path })`;
 * - `GET /server/read?name=` answers `{ value, header }`: `req.cookies.get(name)` and the raw
 *   `Cookie` header;
 * - `GET /server/csrf` puts the session's CSRF token in the readable `csrf_token` cookie;
 * - `POST /server/guarded` answers 200 when the `x-csrf-token` header matches, else 403.
 * - the suite's own `routes`, by path.
 * Any other path serves a page that loads the client.
 */
export async function startServer(
  routes: Readonly<Record<string, ExtraRoute>> = {},
): Promise<TestServer> {
  const script = await bundleClient()
  const sessions = session({ secret: SECRET, format: 'signed' })
  const server = http.createServer(
    sessions.wrap(async (req, res) => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1')
      const json = (status: number, body: unknown): void => {
        res.statusCode = status
        res.setHeader('Content-Type', 'application/json')
        res.end(JSON.stringify(body))
      }
      const route = Object.hasOwn(routes, url.pathname) ? routes[url.pathname] : undefined
      if (route !== undefined) {
        const body = await route.body(req.headers.cookie)
        res.setHeader('Content-Type', route.type)
        return res.end(body)
      }
      switch (url.pathname) {
        case '/client.js':
          res.setHeader('Content-Type', 'text/javascript')
          return res.end(script)
        case '/server/set': {
          const path = url.searchParams.get('path') ?? '/'
          res.setCookie(url.searchParams.get('name')!, url.searchParams.get('value')!, { path })
          return json(200, { ok: true })
        }
        case '/server/read': {
          const name = url.searchParams.get('name')!
          return json(200, { value: req.cookies.get(name) ?? null, header: req.headers.cookie })
        }
        case '/server/csrf':
          res.setCookie('csrf_token', req.session.csrfToken(), { path: '/', sameSite: 'strict' })
          return json(200, { ok: true })
        case '/server/guarded':
          return json(verifyCsrfToken(req.session, req.headers['x-csrf-token']) ? 200 : 403, {})
        default:
          res.setHeader('Content-Type', 'text/html; charset=utf-8')
          return res.end('<!doctype html><meta charset="utf-8"><script src="/client.js"></script>')
      }
    }),
  )
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
