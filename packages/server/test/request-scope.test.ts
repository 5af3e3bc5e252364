import { mkdtempSync, rmSync } from 'node:fs'
import type http from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { SessionStore } from '@crumbs/core'
import { serve } from '@hono/node-server'
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest'
import type { SessionOptions } from '../src/engine/session-options.js'
import {
  createSessions,
  errorResponse,
  type FrameworkCookieOptions,
  type FrameworkCookies,
  type Sessions,
} from '../src/entries/fetch.js'
import { memoryStore } from '../src/entries/stores/memory.js'
import { redisStore } from '../src/entries/stores/redis.js'
import { sqliteStore } from '../src/entries/stores/sqlite.js'
import { Client } from './harness/client.js'
import { codeOf } from './harness/code-of.js'
import type { RunningHost } from './harness/loopback.js'
import {
  deleteKeys,
  describeWithRedis,
  openRedisClient,
  REDIS_ADDRESS,
  uniquePrefix,
} from './harness/redis-env.js'
import { TcpProxy } from './harness/tcp-proxy.js'

const SECRET = 'a-test-secret-that-is-long-enough-0009'
const dir = mkdtempSync(join(tmpdir(), 'crumbs-request-scope-'))
const prefixes: string[] = []
const cleanup: (() => Promise<void> | void)[] = []

afterEach(async () => {
  vi.restoreAllMocks()
  for (const step of cleanup.splice(0).reverse()) await step()
})
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true })
  await Promise.all(prefixes.map((prefix) => deleteKeys(prefix)))
})

/** A Headers' entries in order (lower-case names), without DOM.Iterable. */
function entriesOf(headers: Headers): [string, string][] {
  const entries: [string, string][] = []
  headers.forEach((value, name) => {
    entries.push([name, value])
  })
  return entries
}

const login = (url = 'http://localhost/login') => new Request(url, { method: 'POST' })
const withCookies = (lines: readonly string[], url = 'http://localhost/') =>
  new Request(url, { headers: { cookie: lines.map((line) => line.split(';')[0]).join('; ') } })

/**
 * A fetch server (node:http through @hono/node-server, real HTTP on 127.0.0.1) whose routes use
 * the request-scoped API as the README's recipes do, failures answered with `errorResponse`.
 */
async function serveRoutes(sessions: Sessions<{ username: string }>): Promise<Client> {
  const fetch = async (request: Request): Promise<Response> => {
    try {
      const { session, commit } = await sessions.get(request)
      const url = new URL(request.url)
      const name = url.searchParams.get('name') ?? 'john'
      switch (url.pathname) {
        case '/login':
          await session.regenerate()
          session.set('username', name)
          return commit(Response.redirect(new URL('/', request.url), 303))
        case '/':
          return commit(new Response(`Welcome, ${session.get('username') ?? 'guest'}!`))
        case '/logout':
          await session.destroy()
          return commit(new Response('bye'))
        case '/everywhere': {
          const count = await sessions.destroyUserSessions(name)
          return commit(new Response(`ended ${count}`))
        }
        default:
          return new Response('not found', { status: 404 })
      }
    } catch (error) {
      return errorResponse(error)
    }
  }
  const host = await new Promise<RunningHost>((resolve) => {
    const server = serve({ fetch, hostname: '127.0.0.1', port: 0 }, (info) =>
      resolve({
        url: `http://127.0.0.1:${info.port}`,
        close: () =>
          new Promise<void>((done) => {
            ;(server as http.Server).closeAllConnections()
            server.close(() => done())
          }),
      }),
    )
  })
  cleanup.push(() => host.close())
  return new Client(host.url)
}

describe('createSessions: the scope and its commit', () => {
  it('commits once: a second commit writes no second Set-Cookie and returns its argument', async () => {
    const sessions = createSessions({ secret: SECRET })
    const { session, commit } = await sessions.get(login())
    session.set('username', 'john')
    const first = await commit(new Response('ok'))
    expect(first.headers.getSetCookie()).toHaveLength(1)
    expect(await commit(first)).toBe(first)
    expect(first.headers.getSetCookie()).toHaveLength(1)
    const other = new Headers()
    expect(await commit(other)).toBe(other)
    expect(entriesOf(other)).toEqual([])
  })

  it('refuses a change after the commit with HEADERS_SENT', async () => {
    const sessions = createSessions({ secret: SECRET })
    const { session, cookies, commit } = await sessions.get(login())
    await commit(new Response('ok'))
    expect(codeOf(() => session.set('username', 'late'))).toBe('HEADERS_SENT')
    expect(codeOf(() => cookies.setCookie('theme', 'dark'))).toBe('HEADERS_SENT')
  })

  it('copies a Response.redirect(), whose headers are immutable, keeping its status and Location', async () => {
    const sessions = createSessions({ secret: SECRET })
    const { session, commit } = await sessions.get(login())
    session.set('username', 'john')
    const redirect = Response.redirect('http://localhost/', 302)
    const committed = await commit(redirect)
    expect(committed).not.toBe(redirect)
    expect(committed.status).toBe(302)
    expect(committed.headers.get('location')).toBe('http://localhost/')
    expect(committed.headers.getSetCookie()[0]).toMatch(/^session=/)
    expect(redirect.headers.getSetCookie()).toEqual([])
  })

  it('mutates a Response whose headers can change, and returns the same object', async () => {
    const sessions = createSessions({ secret: SECRET })
    const { session, commit } = await sessions.get(login())
    session.set('username', 'john')
    const response = new Response('ok', { headers: { vary: 'Accept' } })
    expect(await commit(response)).toBe(response)
    expect(response.headers.get('vary')).toBe('Accept, Cookie')
    expect(response.headers.get('cache-control')).toBe('private')
  })

  it('gives a fresh Headers from commit() with the cookie and the caching headers', async () => {
    const sessions = createSessions({ secret: SECRET })
    const { session, commit } = await sessions.get(login())
    session.set('username', 'john')
    const headers = await commit()
    expect(headers.getSetCookie()[0]).toMatch(/^session=[^;]+; Path=\/; HttpOnly; SameSite=Lax$/)
    expect([headers.get('vary'), headers.get('cache-control')]).toEqual(['Cookie', 'private'])
  })

  it('writes nothing for a request that neither read nor changed anything', async () => {
    const sessions = createSessions({ secret: SECRET })
    const { commit } = await sessions.get(new Request('http://localhost/'))
    const response = new Response('static', { headers: { 'cache-control': 'public, max-age=60' } })
    await commit(response)
    expect(entriesOf(response.headers)).toEqual([
      ['cache-control', 'public, max-age=60'],
      ['content-type', 'text/plain;charset=UTF-8'],
    ])
  })

  it('gives the same scope to every get() of one request', async () => {
    const sessions = createSessions({ secret: SECRET })
    const request = login()
    const [a, b] = await Promise.all([sessions.get(request), sessions.get(request)])
    expect(a).toBe(b)
    expect(await sessions.get(new Request(request))).not.toBe(a)
  })

  it('reads the session the commit wrote, and an empty one from a tampered cookie', async () => {
    const sessions = createSessions<{ username: string }>({ secret: SECRET })
    const first = await sessions.get(login())
    first.session.set('username', 'john')
    const lines = (await first.commit()).getSetCookie()
    expect((await sessions.get(withCookies(lines))).session.get('username')).toBe('john')
    const tampered = lines.map((line) =>
      line.replace(/=(.)/, (_, c) => `=${c === 'A' ? 'B' : 'A'}`),
    )
    const scope = await sessions.get(withCookies(tampered))
    expect(scope.session.get('username')).toBeUndefined()
    // The refused cookie is cleared.
    expect((await scope.commit()).getSetCookie()[0]).toMatch(/^session=; .*Max-Age=0/)
  })

  it('rejects every commit of a session over 4096 bytes with COOKIE_TOO_LARGE', async () => {
    const sessions = createSessions({ secret: SECRET })
    const { session, commit } = await sessions.get(login())
    session.set('blob', 'x'.repeat(5000))
    const response = new Response('ok')
    await expect(commit(response)).rejects.toMatchObject({ code: 'COOKIE_TOO_LARGE' })
    await expect(commit(response)).rejects.toMatchObject({ code: 'COOKIE_TOO_LARGE' })
    expect(response.headers.getSetCookie()).toEqual([])
  })

  it('refuses at creation the options the middleware refuses', () => {
    expect(codeOf(() => createSessions({ secret: 'short' }))).toBe('SECRET_TOO_SHORT')
    expect(codeOf(() => createSessions({} as SessionOptions))).toBe('SECRET_MISSING')
  })

  it('rejects a cookie store that cannot list its cookies when no request is given', async () => {
    const sessions = createSessions({ secret: SECRET })
    const astroLike: FrameworkCookies = { get: () => undefined, set: () => {} }
    await expect(sessions.get(astroLike)).rejects.toMatchObject({ code: 'INVALID_OPTION' })
  })
})

describe('createSessions: through a cookie store', () => {
  /** A store as SvelteKit's: get(name) answers the value, getAll() lists, set() records. */
  function recordingStore(initial: Record<string, string> = {}) {
    const set: [string, string, FrameworkCookieOptions][] = []
    const store: FrameworkCookies = {
      get: (name) => initial[name],
      getAll: () => Object.entries(initial).map(([name, value]) => ({ name, value })),
      set: (name, value, options) => void set.push([name, value, options]),
    }
    return { store, set }
  }

  it('writes the session cookie through set() with its attributes, and returns the caching headers', async () => {
    // No request beside the store: the transport is unknown, so the cookie is Secure and
    // crumbs says once that it may be going out over plain http.
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const sessions = createSessions({ secret: SECRET })
    const { store, set } = recordingStore()
    const { session, cookies, commit } = await sessions.get(store)
    session.set('username', 'john')
    cookies.setCookie('theme', 'dark blue', { maxAge: 60 })
    const headers = await commit()
    expect(set.map(([name, value, options]) => [name, value, options])).toEqual([
      ['theme', 'dark blue', { path: '/', maxAge: 60, httpOnly: false, secure: false }],
      [
        '__Host-session',
        expect.stringMatching(/^[\w.-]+$/),
        { path: '/', httpOnly: true, secure: true, sameSite: 'lax' },
      ],
    ])
    expect(entriesOf(headers)).toEqual([
      ['cache-control', 'private'],
      ['vary', 'Cookie'],
    ])
    expect(warn).toHaveBeenCalledTimes(1)
    // The next request's store holds what set() was given: the session reads back.
    const next = recordingStore({ '__Host-session': set[1]![1] })
    expect((await sessions.get(next.store)).session.get('username')).toBe('john')
  })

  it('takes the Secure rule from the request given beside the store', async () => {
    const sessions = createSessions({ secret: SECRET })
    const { store, set } = recordingStore()
    const { session, commit } = await sessions.get(store, new Request('http://localhost:3000/'))
    session.set('username', 'john')
    await commit()
    expect(set[0]).toEqual([
      'session',
      expect.any(String),
      { path: '/', httpOnly: true, secure: false, sameSite: 'lax' },
    ])
  })

  it('expires a destroyed session through set() with Max-Age=0', async () => {
    const sessions = createSessions({ secret: SECRET, store: memoryStore() })
    const first = recordingStore()
    const scope = await sessions.get(first.store, new Request('http://localhost/'))
    scope.session.set('username', 'john')
    await scope.commit()
    const second = recordingStore({ session: first.set[0]![1] })
    const again = await sessions.get(second.store, new Request('http://localhost/'))
    expect(again.session.get('username')).toBe('john')
    await again.session.destroy()
    await again.commit()
    expect(second.set).toEqual([['session', '', expect.objectContaining({ path: '/', maxAge: 0 })]])
  })
})

describe('createSessions: store sessions over real HTTP', () => {
  let files = 0
  const stores: [string, () => Promise<SessionStore>][] = [
    ['memory', async () => memoryStore()],
    [
      'SQLite',
      async () => {
        const store = sqliteStore({ path: join(dir, `sessions-${files++}.db`) })
        cleanup.push(() => store.close())
        return store
      },
    ],
  ]

  it.each(stores)(
    'logs in, regenerates, reads, ends the session and logs out everywhere on %s',
    async (_, open) => {
      const sessions = createSessions<{ username: string }>({
        secret: SECRET,
        store: await open(),
        userKey: 'username',
      })
      const client = await serveRoutes(sessions)
      const other = new Client(client.base)
      const loggedIn = await client.post('/login?name=olga')
      expect(loggedIn.status).toBe(303)
      expect((await client.get('/')).body).toBe('Welcome, olga!')
      const before = client.jar.get('session')
      await client.post('/login?name=olga')
      expect(client.jar.get('session')).not.toBe(before)
      // The cookie given up by regenerate() is dead.
      other.jar.set('session', before!)
      expect((await other.get('/')).body).toBe('Welcome, guest!')
      await other.post('/login?name=olga')
      expect((await client.get('/everywhere?name=olga')).body).toBe('ended 2')
      expect((await other.get('/')).body).toBe('Welcome, guest!')
      await client.post('/login?name=ivan')
      const stolen = client.jar.get('session')!
      await client.get('/logout')
      expect(client.jar.has('session')).toBe(false)
      other.jar.set('session', stolen)
      expect((await other.get('/')).body).toBe('Welcome, guest!')
    },
  )
})

describeWithRedis('createSessions: Redis', () => {
  async function redisSessions(port?: number) {
    const redis = await openRedisClient(
      'ioredis',
      port === undefined ? undefined : `redis://127.0.0.1:${port}`,
    )
    cleanup.push(() => redis.close())
    const prefix = uniquePrefix('request-scope')
    prefixes.push(prefix)
    const errors: unknown[] = []
    const sessions = createSessions<{ username: string }>({
      secret: SECRET,
      store: redisStore({ client: redis.client, prefix }),
      storeTimeout: 1,
      onError: (error) => errors.push(error),
    })
    return { sessions, errors }
  }

  it('keeps a login in Redis across requests over real HTTP', async () => {
    const { sessions } = await redisSessions()
    const client = await serveRoutes(sessions)
    await client.post('/login?name=olga')
    expect((await client.get('/')).body).toBe('Welcome, olga!')
    await client.get('/logout')
    expect((await client.get('/')).body).toBe('Welcome, guest!')
  })

  it('rejects get() and commit() with STORE_UNAVAILABLE when Redis goes away, and recovers', async () => {
    const proxy = await TcpProxy.start(REDIS_ADDRESS)
    cleanup.push(() => proxy.close())
    const { sessions } = await redisSessions(proxy.port)
    const client = await serveRoutes(sessions)
    await client.post('/login?name=olga')
    const cookie = client.jar.get('session')!
    proxy.refuse()
    const read = new Request('http://localhost/', { headers: { cookie: `session=${cookie}` } })
    await expect(sessions.get(read)).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' })
    const fresh = await sessions.get(login())
    fresh.session.set('username', 'ivan')
    await expect(fresh.commit(new Response('ok'))).rejects.toMatchObject({
      code: 'STORE_UNAVAILABLE',
    })
    // The recipe's errorResponse: 503 with Retry-After, over HTTP.
    const answer = await client.get('/')
    expect([answer.status, answer.headers.get('retry-after')]).toEqual([503, '5'])
    proxy.resume()
    await expect
      .poll(async () => (await client.get('/')).body, { timeout: 10_000 })
      .toBe('Welcome, olga!')
  })
})
