import { IncomingMessage, ServerResponse } from 'node:http'
import type { Socket } from 'node:net'
import type { SessionStore } from '@crumbs/core'
import { describe, expect, it } from 'vitest'
import { type NodeSessionMiddleware, type SessionRequest, session } from '../src/entries/node.js'
import { memoryStore } from '../src/entries/stores/memory.js'

const SECRET = 'a-test-secret-that-is-long-enough-0002'

/** A request and its response with no socket: node buffers what the response writes. */
function exchange(cookie?: string): { req: SessionRequest; res: ServerResponse } {
  const req = new IncomingMessage({ encrypted: false } as unknown as Socket)
  req.method = 'GET'
  req.url = '/'
  req.headers = { host: '127.0.0.1', ...(cookie === undefined ? {} : { cookie }) }
  return { req: req as SessionRequest, res: new ServerResponse(req) }
}

const cookieOf = (res: ServerResponse): string => {
  const header = res.getHeader('set-cookie') as string | string[]
  const line = Array.isArray(header) ? header[0]! : header
  return line.split(';')[0]!
}

/** Runs `middleware` on a fresh exchange and reports whether `next` ran before it returned. */
function load(
  middleware: NodeSessionMiddleware,
  cookie?: string,
): { req: SessionRequest; res: ServerResponse; calledAtOnce: boolean; loading: unknown } {
  const { req, res } = exchange(cookie)
  let called = false
  const loading = middleware(req, res, (error) => {
    if (error) throw error
    called = true
  })
  return { req, res, calledAtOnce: called, loading }
}

/**
 * Logs in (the route runs and the commit ends the response in the middleware's own tick), then
 * loads again with the cookie, which must also run the route at once and see the login.
 */
function logInAndReadAtOnce(middleware: NodeSessionMiddleware): {
  cookie: string
  second: ReturnType<typeof load>
} {
  const first = load(middleware)
  expect(first.calledAtOnce).toBe(true)
  expect(first.loading).toBeUndefined()
  first.req.session.set('username', 'john')
  first.res.end('ok')
  // The commit finished at once, so the response was not held.
  expect(first.res.writableEnded).toBe(true)

  const cookie = cookieOf(first.res)
  const second = load(middleware, cookie)
  expect(second.calledAtOnce).toBe(true)
  expect(second.req.session.get('username')).toBe('john')
  return { cookie, second }
}

describe('node adapter: loading without waiting', () => {
  it.each(['sealed', 'signed', 'flask'] as const)(
    'runs the route in the same tick for a %s cookie session',
    (format) => {
      logInAndReadAtOnce(session({ secret: SECRET, format }))
    },
  )

  it('loads and commits a memory-store session in the same tick, through its maybe-synchronous face', () => {
    const middleware = session({ secret: SECRET, store: memoryStore() })
    const { cookie, second } = logInAndReadAtOnce(middleware)
    second.req.session.set('views', 1)
    second.res.end('ok')
    expect(second.res.writableEnded).toBe(true)
    expect(load(middleware, cookie).req.session.get('views')).toBe(1)
  })

  it('waits for a store without an maybe-synchronous face, and holds the response while it commits', async () => {
    const { maybeSync: _, ...remote } = memoryStore()
    const middleware = session({ secret: SECRET, store: remote })
    const first = load(middleware)
    // No cookie yet: nothing to read from the store.
    expect(first.calledAtOnce).toBe(true)
    first.req.session.set('username', 'john')
    first.res.end('ok')
    expect(first.res.writableEnded).toBe(false)
    await new Promise((resolve) => setImmediate(resolve))
    expect(first.res.writableEnded).toBe(true)

    const second = load(middleware, cookieOf(first.res))
    expect(second.calledAtOnce).toBe(false)
    expect(second.loading).toBeInstanceOf(Promise)
    await second.loading
    expect(second.req.session.get('username')).toBe('john')
  })

  it.each([
    ['a spread copy', (store: SessionStore, get: SessionStore['get']) => ({ ...store, get })],
    [
      'a proxy',
      (store: SessionStore, get: SessionStore['get']) =>
        new Proxy(store, { get: (t, key) => (key === 'get' ? get : Reflect.get(t, key)) }),
    ],
  ])(
    'calls the get of %s of a store, never its original maybe-synchronous face',
    async (_, wrap) => {
      const store = memoryStore()
      const reads: string[] = []
      const wrapped = wrap(store, (id) => {
        reads.push(id)
        return store.get(id)
      })
      const middleware = session({ secret: SECRET, store: wrapped })
      const first = load(middleware)
      first.req.session.set('username', 'john')
      first.res.end('ok')
      await new Promise((resolve) => setImmediate(resolve))
      expect(first.res.writableEnded).toBe(true)

      const second = load(middleware, cookieOf(first.res))
      await second.loading
      expect(second.req.session.get('username')).toBe('john')
      expect(reads).toHaveLength(1)
    },
  )

  it('answers a synchronous commit failure in place of the route’s response', () => {
    const errors: unknown[] = []
    const middleware = session({ secret: SECRET, format: 'signed', onError: (e) => errors.push(e) })
    const { req, res } = load(middleware)
    req.session.set('blob', 'x'.repeat(5000))
    res.end('the route body')
    expect(errors).toEqual([expect.objectContaining({ code: 'COOKIE_TOO_LARGE' })])
    expect(res.statusCode).toBe(500)
    expect(res.getHeader('set-cookie')).toBeUndefined()
  })

  it('rejects save() after a failed commit with the same error, every time', async () => {
    const middleware = session({ secret: SECRET, format: 'signed', onError: () => {} })
    const { req } = load(middleware)
    req.session.set('blob', 'x'.repeat(5000))
    const first = await req.session.save().catch((error: unknown) => error)
    const again = await req.session.save().catch((error: unknown) => error)
    expect(first).toMatchObject({ code: 'COOKIE_TOO_LARGE' })
    expect(again).toBe(first)
  })
})
