// A fetch server on the BUILT @crumbs/server (dist/, through the package's own exports), for a
// runtime other than Node: `bun fetch-server.ts` or `deno run … fetch-server.ts`. It listens on
// a free port of 127.0.0.1 and prints `listening <port>` once ready. Each path prefix is one
// withSession configuration: /sealed, /signed, /flask, /store (memory store), and for rotation
// /rotated (a newer secret first, /sealed's as a fallback) and /newest (the newer secret only).
import {
  csrfProtection,
  type SessionOptions,
  type SessionVariables,
  verifyCsrfToken,
  withSession,
} from '@crumbs/server/fetch'
import { memoryStore } from '@crumbs/server/stores/memory'

const SECRET = 'a-runtime-test-secret-that-is-long-enough-0001'
const NEWER = 'a-newer-runtime-secret-that-is-long-enough-0002'

interface Served {
  readonly port: number
}
interface Runtimes {
  readonly Bun?: {
    readonly version: string
    serve(options: {
      hostname: string
      port: number
      fetch(request: Request): Promise<Response>
    }): Served
  }
  readonly Deno?: {
    readonly version: { readonly deno: string }
    serve(
      options: { hostname: string; port: number; onListen(address: Served): void },
      handler: (request: Request) => Promise<Response>,
    ): unknown
  }
}
const { Bun, Deno } = globalThis as unknown as Runtimes
const runtime = Bun ? `bun ${Bun.version}` : Deno ? `deno ${Deno.version.deno}` : 'unknown'

const text = (body: string, status = 200) =>
  new Response(body, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8' } })

async function app(request: Request, { session, cookies }: SessionVariables): Promise<Response> {
  const url = new URL(request.url)
  const route = url.pathname.slice(url.pathname.indexOf('/', 1))
  const name = url.searchParams.get('name') ?? 'john'
  switch (route) {
    case '/login':
      await session.regenerate()
      session.set('username', name)
      session.flash(`Welcome back, ${name}`)
      return text('logged in')
    case '/':
      return text(
        session.has('username') ? `Welcome, ${session.get('username')}!` : 'Please log in',
      )
    case '/logout':
      session.pop('username')
      return text('logged out')
    case '/destroy':
      await session.destroy()
      return text('destroyed')
    case '/flashes':
      return text(JSON.stringify(session.flashes()))
    case '/form':
      return text(session.csrfToken())
    case '/submit':
      return verifyCsrfToken(session, url.searchParams.get('token'))
        ? text('accepted')
        : text('bad token', 403)
    case '/cookie/set':
      cookies.setCookie('username', name)
      return text('cookie set')
    case '/cookie/get':
      return text(cookies.has('username') ? `Hello, ${cookies.get('username')}!` : 'No cookie')
    case '/static':
      return new Response('the same for everyone', { headers: { 'Cache-Control': 'public' } })
    case '/runtime':
      return text(runtime)
    default:
      return text('not found', 404)
  }
}

const configurations: Record<string, SessionOptions> = {
  sealed: { secret: SECRET },
  signed: { secret: SECRET, format: 'signed' },
  flask: { secret: SECRET, format: 'flask' },
  store: { secret: SECRET, store: memoryStore() },
  rotated: { secret: [NEWER, SECRET] },
  newest: { secret: NEWER },
}
const handlers = new Map(
  Object.entries(configurations).map(([prefix, options]) => [prefix, withSession(options, app)]),
)
const checkCsrf = csrfProtection()

async function serve(request: Request): Promise<Response> {
  const refused = checkCsrf(request)
  if (refused !== undefined) return refused
  const prefix = new URL(request.url).pathname.split('/')[1] ?? ''
  const handler = handlers.get(prefix)
  return handler === undefined ? text('no such configuration', 404) : handler(request)
}

const ready = (port: number) => console.log(`listening ${port}`)
if (Bun) {
  ready(Bun.serve({ hostname: '127.0.0.1', port: 0, fetch: serve }).port)
} else if (Deno) {
  Deno.serve({ hostname: '127.0.0.1', port: 0, onListen: ({ port }) => ready(port) }, serve)
} else {
  throw new Error('fetch-server.ts runs under Bun or Deno')
}
