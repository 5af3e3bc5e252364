import type { SessionStore } from '@crumbs/core'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { rejectionCode } from '../../test/harness/code-of.js'
import { MemoryPort } from '../../test/harness/memory-port.js'
import { memoryStore } from '../stores/memory-store.js'
import type { RequestContext } from './request-context.js'
import { createSessionEngine, type SessionEngine } from './session-engine.js'
import type { SessionOptions } from './session-options.js'
import type { SessionState } from './session-state.js'

const SECRET = 'request-session-test-secret-0123456789'
const OLD_SECRET = 'an-older-secret-still-accepted-0123456789'
/** The session cookie of a secure request (MemoryPort's default). */
const COOKIE = '__Host-session'
const T0 = Date.UTC(2030, 0, 1)

/** A memory store without its maybe-synchronous face: every call answers with a promise. */
function remoteStore(): SessionStore {
  const { maybeSync: _, ...remote } = memoryStore()
  return remote
}

type ModeOptions = () => Pick<SessionOptions, 'format' | 'store'>

const cookieModes: [string, ModeOptions][] = [
  ['sealed cookies', () => ({ format: 'sealed' })],
  ['signed cookies', () => ({ format: 'signed' })],
]
const storeModes: [string, () => { store: SessionStore }][] = [
  ['an in-process store', () => ({ store: memoryStore() })],
  ['a store without a maybeSync face', () => ({ store: remoteStore() })],
]
const modes: [string, ModeOptions][] = [...cookieModes, ...storeModes]

/** One request: what `route` did to the session, committed, then the headers sent. */
async function visit(
  engine: SessionEngine,
  cookie: string,
  route: (session: SessionState, context: RequestContext) => unknown = () => {},
) {
  const port = new MemoryPort({ cookie })
  const context = await engine.begin(port)
  await route(context.session, context)
  await context.commit()
  port.sendHeaders()
  return { port, context, next: port.nextCookieHeader(cookie) }
}

/** The value of the session cookie in a `Cookie` header. */
function sessionValue(cookie: string): string {
  const value = cookie
    .split('; ')
    .find((pair) => pair.startsWith(`${COOKIE}=`))
    ?.slice(COOKIE.length + 1)
  if (value === undefined) throw new Error(`no ${COOKIE} in ${cookie}`)
  return value
}

/** A session cookie with one character of its value changed. */
function tampered(cookie: string): string {
  const value = sessionValue(cookie)
  const at = Math.floor(value.length / 2)
  const swapped = `${value.slice(0, at)}${value[at] === 'A' ? 'B' : 'A'}${value.slice(at + 1)}`
  return `${COOKIE}=${swapped}`
}

/** The store id inside a store session's signed-id cookie. */
const idOf = (cookie: string): string => {
  const value = sessionValue(cookie)
  return value.slice(0, value.lastIndexOf('.'))
}

/** Asserts the response keeps itself out of shared caches, as every session Set-Cookie must. */
function expectKeptPrivate(port: MemoryPort): void {
  expect(port.getHeader('vary')).toBe('Cookie')
  expect(port.getHeader('cache-control')).toBe('private')
}

describe('RequestSession', () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  describe.each(modes)('over %s', (_, mode) => {
    const engineWith = (options: Partial<SessionOptions> = {}) =>
      createSessionEngine({ secret: SECRET, ...mode(), ...options })

    it('writes nothing, not even cache headers, for a request that has no session and reads none', async () => {
      const { port, context } = await visit(engineWith(), '', () => {})
      expect(port.setCookies).toEqual([])
      expect(port.getHeader('vary')).toBeUndefined()
      expect(port.getHeader('cache-control')).toBeUndefined()
      expect(context.commitOwed).toBe(false)
    })

    it('writes no cookie but keeps the response private for a request that only reads', async () => {
      const { port } = await visit(engineWith(), '', (session) => session.get('x'))
      expect(port.setCookies).toEqual([])
      expect(port.getHeader('vary')).toBe('Cookie')
      expect(port.getHeader('cache-control')).toBe('private')
    })

    it('issues a cookie for a new session, kept private, and reads it back', async () => {
      const engine = engineWith()
      const first = await visit(engine, '', (session) => session.set('username', 'john'))
      expect(first.port.cookie(COOKIE)?.attributes).toMatchObject({
        httpOnly: true,
        secure: true,
        sameSite: 'lax',
        path: '/',
      })
      expectKeptPrivate(first.port)
      const second = await visit(engine, first.next)
      expect(second.context.session.get('username')).toBe('john')
      expect(second.port.setCookies).toEqual([])
    })

    it.each([
      ['tampered', tampered],
      ['not a token at all', () => `${COOKIE}=garbage`],
    ])(
      'expires a %s cookie at commit even when the request never touches it',
      async (__, spoil) => {
        const onInvalid = vi.fn()
        const engine = engineWith({ onInvalid })
        const { next } = await visit(engine, '', (session) => session.set('username', 'john'))
        const port = new MemoryPort({ cookie: spoil(next) })
        const context = await engine.begin(port)
        expect(context.commitOwed).toBe(true)
        expect(onInvalid).toHaveBeenCalledWith(expect.objectContaining({ cookie: COOKIE }))
        expect(context.session.isNew).toBe(true)
        await context.commit()
        expect(port.cookie(COOKIE)?.attributes.maxAge).toBe(0)
        expectKeptPrivate(port)
      },
    )

    it('re-issues a cookie verified under a fallback secret under the newest, untouched', async () => {
      const shared = mode()
      const old = createSessionEngine({ secret: OLD_SECRET, ...shared })
      const rotating = createSessionEngine({ secret: [SECRET, OLD_SECRET], ...shared })
      const newest = createSessionEngine({ secret: SECRET, ...shared })
      const { next: oldCookie } = await visit(old, '', (s) => s.set('username', 'john'))

      const port = new MemoryPort({ cookie: oldCookie })
      const context = await rotating.begin(port)
      expect(context.commitOwed).toBe(true)
      await context.commit()
      expect(port.cookie(COOKIE)?.value).not.toBe(sessionValue(oldCookie))
      expectKeptPrivate(port)

      const reissued = await visit(newest, port.nextCookieHeader(oldCookie))
      expect(reissued.context.session.get('username')).toBe('john')
      const unrotated = await visit(newest, oldCookie)
      expect(unrotated.context.session.get('username')).toBeUndefined()
    })

    describe('rolling refresh', () => {
      const rolling = () => engineWith({ idleTimeout: 120, refreshAfter: 60 })

      it('is not due before refreshAfter seconds, so an idle session then times out', async () => {
        vi.useFakeTimers({ now: T0 })
        const engine = rolling()
        const { next } = await visit(engine, '', (s) => s.set('username', 'john'))
        vi.setSystemTime(T0 + 59_000)
        const early = await engine.begin(new MemoryPort({ cookie: next }))
        expect(early.commitOwed).toBe(false)
        const quiet = await visit(engine, next)
        expect(quiet.port.setCookies).toEqual([])
        vi.setSystemTime(T0 + 150_000)
        const late = await visit(engine, quiet.next)
        expect(late.context.session.get('username')).toBeUndefined()
      })

      it('is due after refreshAfter seconds, untouched, and extends the session', async () => {
        vi.useFakeTimers({ now: T0 })
        const engine = rolling()
        const { next } = await visit(engine, '', (s) => s.set('username', 'john'))
        vi.setSystemTime(T0 + 60_000)
        const port = new MemoryPort({ cookie: next })
        const context = await engine.begin(port)
        expect(context.commitOwed).toBe(true)
        await context.commit()
        vi.setSystemTime(T0 + 150_000)
        const late = await visit(engine, port.nextCookieHeader(next))
        expect(late.context.session.get('username')).toBe('john')
      })
    })

    describe('Max-Age', () => {
      const lifetimes = { maxAge: 3_600, idleTimeout: 0, refreshAfter: 60 }

      it('is left out for a session that is not permanent', async () => {
        const { port } = await visit(engineWith(lifetimes), '', (s) => s.set('username', 'john'))
        expect(port.cookie(COOKIE)?.attributes.maxAge).toBeUndefined()
      })

      it('is maxAge for a permanent session without an absolute timeout', async () => {
        const engine = engineWith({ ...lifetimes, absoluteTimeout: 0 })
        const { port } = await visit(engine, '', (session) => {
          session.set('username', 'john')
          session.permanent = true
        })
        expect(port.cookie(COOKIE)?.attributes.maxAge).toBe(3_600)
      })

      it('stays within the absolute timeout for a permanent session', async () => {
        vi.useFakeTimers({ now: T0 })
        const engine = engineWith({ ...lifetimes, absoluteTimeout: 1_800 })
        const first = await visit(engine, '', (session) => {
          session.set('username', 'john')
          session.permanent = true
        })
        expect(first.port.cookie(COOKIE)?.attributes.maxAge).toBe(1_800)
        vi.setSystemTime(T0 + 1_000_000)
        const later = await visit(engine, first.next, (s) => s.set('views', 1))
        expect(later.port.cookie(COOKIE)?.attributes.maxAge).toBe(800)
        expectKeptPrivate(later.port)
      })
    })

    it('keeps the data under a new identity on regenerate()', async () => {
      const engine = engineWith()
      const first = await visit(engine, '', (session) => {
        session.set('username', 'john')
        session.csrfToken()
      })
      const token = first.context.session.csrfToken()
      const port = new MemoryPort({ cookie: first.next })
      const context = await engine.begin(port)
      const regenerating = context.session.regenerate()
      expect(context.commitOwed).toBe(true)
      await regenerating
      await context.commit()
      expect(port.cookie(COOKIE)?.value).not.toBe(sessionValue(first.next))
      expectKeptPrivate(port)
      const after = await visit(engine, port.nextCookieHeader(first.next))
      expect(after.context.session.get('username')).toBe('john')
      expect(after.context.session.csrfTokenIfAny()).not.toBe(token)
    })

    it('forgets the session and expires its cookie on destroy()', async () => {
      const engine = engineWith()
      const first = await visit(engine, '', (session) => session.set('username', 'john'))
      const destroyed = await visit(engine, first.next, (session) => session.destroy())
      expect(destroyed.port.cookie(COOKIE)?.attributes.maxAge).toBe(0)
      expectKeptPrivate(destroyed.port)
      expect(destroyed.next).toBe('')
    })

    // A route that does not await destroy() (`session.destroy(); return redirect`) commits
    // before the store answers: the commit must already be owed and see the emptied session.
    it('owes a commit as soon as destroy() is called, as regenerate() does', async () => {
      const engine = engineWith()
      const first = await visit(engine, '', (session) => session.set('username', 'john'))
      const port = new MemoryPort({ cookie: first.next })
      const context = await engine.begin(port)
      const destroying = context.session.destroy()
      expect(context.commitOwed).toBe(true)
      await destroying
    })

    it('expires the cookie of a session emptied by clear()', async () => {
      const engine = engineWith()
      const first = await visit(engine, '', (session) => session.set('username', 'john'))
      const cleared = await visit(engine, first.next, (session) => session.clear())
      expect(cleared.port.cookie(COOKIE)?.attributes.maxAge).toBe(0)
      expectKeptPrivate(cleared.port)
    })

    it('adds Cookie to a Vary and private to a Cache-Control the app set', async () => {
      const app = new MemoryPort()
      const context = await engineWith().begin(app)
      app.setHeader('Vary', 'Accept-Encoding')
      app.setHeader('Cache-Control', 'public, max-age=60')
      context.session.set('username', 'john')
      await context.commit()
      expect(app.getHeader('vary')).toBe('Accept-Encoding, Cookie')
      expect(app.getHeader('cache-control')).toBe('private, max-age=60')
    })

    it('refuses regenerate() and destroy() with HEADERS_SENT once the headers went out', async () => {
      const engine = engineWith()
      const { next } = await visit(engine, '', (session) => session.set('username', 'john'))
      const port = new MemoryPort({ cookie: next })
      const context = await engine.begin(port)
      port.sendHeaders()
      expect(await rejectionCode(context.session.regenerate())).toBe('HEADERS_SENT')
      expect(await rejectionCode(context.session.destroy())).toBe('HEADERS_SENT')
    })
  })

  describe.each(storeModes)('over %s', (_, mode) => {
    const engineOver = (store: SessionStore, options: Partial<SessionOptions> = {}) =>
      createSessionEngine({ secret: SECRET, store, ...options })
    /** The record operations the engine calls on this store: its own face, else its methods. */
    const operationsOf = (store: SessionStore) => store.maybeSync ?? store

    it('writes the session under a new id before deleting the old one on regenerate()', async () => {
      const { store } = mode()
      const engine = engineOver(store)
      const first = await visit(engine, '', (session) => session.set('username', 'john'))
      const oldId = idOf(first.next)
      const set = vi.spyOn(operationsOf(store), 'set')
      const deleted = vi.spyOn(operationsOf(store), 'delete')

      const regenerated = await visit(engine, first.next, (session) => session.regenerate())
      const newId = idOf(regenerated.next)
      expect(newId).not.toBe(oldId)
      expect(set).toHaveBeenCalledTimes(1)
      expect(set.mock.calls[0]![0]).toBe(newId)
      expect(deleted).toHaveBeenCalledWith(oldId)
      expect(set.mock.invocationCallOrder[0]).toBeLessThan(deleted.mock.invocationCallOrder[0]!)
      await expect(store.get(oldId)).resolves.toBeUndefined()
      await expect(store.get(newId)).resolves.toMatchObject({
        record: { data: { username: 'john' } },
      })
    })

    it('refuses the cookie of the id given up by regenerate() (no fixation)', async () => {
      const { store } = mode()
      const onInvalid = vi.fn()
      const engine = engineOver(store, { onInvalid })
      const first = await visit(engine, '', (session) => session.set('username', 'john'))
      await visit(engine, first.next, (session) => session.regenerate())
      const replayed = await visit(engine, first.next)
      expect(replayed.context.session.get('username')).toBeUndefined()
      expect(onInvalid).toHaveBeenCalledWith({ reason: 'unknown-id', cookie: COOKIE })
      expect(replayed.port.cookie(COOKIE)?.attributes.maxAge).toBe(0)
    })

    it('deletes the session from the store on destroy(), before the commit', async () => {
      const { store } = mode()
      const engine = engineOver(store)
      const first = await visit(engine, '', (session) => session.set('username', 'john'))
      const id = idOf(first.next)
      const port = new MemoryPort({ cookie: first.next })
      const context = await engine.begin(port)
      await context.session.destroy()
      await expect(store.get(id)).resolves.toBeUndefined()
      await context.commit()
      expect(port.cookie(COOKIE)?.attributes.maxAge).toBe(0)
    })

    it('deletes the session from the store when clear() empties it', async () => {
      const { store } = mode()
      const engine = engineOver(store)
      const first = await visit(engine, '', (session) => session.set('username', 'john'))
      await visit(engine, first.next, (session) => session.clear())
      await expect(store.get(idOf(first.next))).resolves.toBeUndefined()
    })

    it('expires the cookie of an id the store no longer knows, untouched', async () => {
      const { store } = mode()
      const onInvalid = vi.fn()
      const engine = engineOver(store, { onInvalid })
      const first = await visit(engine, '', (session) => session.set('username', 'john'))
      await store.delete(idOf(first.next))
      const { port } = await visit(engine, first.next)
      expect(onInvalid).toHaveBeenCalledWith({ reason: 'unknown-id', cookie: COOKIE })
      expect(port.cookie(COOKIE)?.attributes.maxAge).toBe(0)
      expectKeptPrivate(port)
    })

    it('re-issues a rotated id cookie without writing the store', async () => {
      const { store } = mode()
      const old = createSessionEngine({ secret: OLD_SECRET, store })
      const rotating = createSessionEngine({ secret: [SECRET, OLD_SECRET], store })
      const first = await visit(old, '', (session) => session.set('username', 'john'))
      const set = vi.spyOn(operationsOf(store), 'set')
      const rotated = await visit(rotating, first.next)
      expect(idOf(rotated.next)).toBe(idOf(first.next))
      expect(rotated.port.cookie(COOKIE)?.value).not.toBe(sessionValue(first.next))
      expect(set).not.toHaveBeenCalled()
    })

    describe('when another request of the session committed first', () => {
      /**
       * Two requests of one browser that loaded the same stored session: `first` commits,
       * then `second` (which changed a data key) meets the conflict and replays its changes.
       */
      async function concurrently(
        first: (session: SessionState) => void,
        second: (session: SessionState) => void = (session) => session.set('views', 1),
      ) {
        const { store } = mode()
        const engine = engineOver(store)
        const setup = await visit(engine, '', (session) => {
          session.set('username', 'john')
          session.flash('old')
        })
        const a = await engine.begin(new MemoryPort({ cookie: setup.next }))
        const b = await engine.begin(new MemoryPort({ cookie: setup.next }))
        first(a.session)
        second(b.session)
        await a.commit()
        await b.commit()
        const after = await engine.begin(new MemoryPort({ cookie: setup.next }))
        return { a: a.session, after: after.session }
      }

      it('keeps the data keys both changed', async () => {
        const { after } = await concurrently((session) => session.set('theme', 'dark'))
        expect(after.toJSON()).toEqual({ username: 'john', theme: 'dark', views: 1 })
      })

      // A conflict replays every change of the later request (flashes, CSRF token and
      // permanence as well as data) on the record the other one stored, never its stale copy.
      it('keeps a flash the other request added', async () => {
        const { after } = await concurrently((session) => session.flash('saved'))
        expect(after.flashes().map((f) => f.message)).toEqual(['old', 'saved'])
      })

      it('keeps a CSRF token the other request issued', async () => {
        const { a, after } = await concurrently((session) => session.csrfToken())
        expect(after.csrfTokenIfAny()).toBe(a.csrfTokenIfAny())
      })

      it('keeps the permanence the other request set', async () => {
        const { after } = await concurrently((session) => {
          session.permanent = true
        })
        expect(after.permanent).toBe(true)
      })

      it('keeps flashes the other request took', async () => {
        const { after } = await concurrently((session) => session.flashes())
        expect(after.flashes()).toEqual([])
      })

      it('applies both increments of update(), each on the value the other stored', async () => {
        const increment = (session: SessionState) =>
          session.update('n', (n = 0) => (n as number) + 1)
        const { after } = await concurrently(increment, increment)
        expect(after.get('n')).toBe(2)
      })

      it('leaves the cookie alone when the session was deleted meanwhile (a concurrent login)', async () => {
        const { store } = mode()
        const engine = engineOver(store)
        const setup = await visit(engine, '', (session) => session.set('views', 1))
        const login = await engine.begin(new MemoryPort({ cookie: setup.next }))
        const otherPort = new MemoryPort({ cookie: setup.next })
        const other = await engine.begin(otherPort)
        await login.session.regenerate()
        login.session.set('username', 'john')
        await login.commit()
        other.session.set('views', 2)
        await other.commit()
        // The old id is dead: the later response must not expire the cookie the login just set.
        expect(otherPort.setCookies).toEqual([])
      })
    })

    it('touches the store on a refresh, re-issuing the cookie only for a permanent session', async () => {
      vi.useFakeTimers({ now: T0 })
      const { store } = mode()
      const engine = engineOver(store, {
        idleTimeout: 120,
        refreshAfter: 60,
        maxAge: 3_600,
        absoluteTimeout: 0,
      })
      const browser = await visit(engine, '', (session) => session.set('username', 'john'))
      const permanent = await visit(engine, '', (session) => {
        session.set('username', 'jane')
        session.permanent = true
      })
      const touch = vi.spyOn(operationsOf(store), 'touch')
      const set = vi.spyOn(operationsOf(store), 'set')
      vi.setSystemTime(T0 + 60_000)

      const refreshed = await visit(engine, browser.next)
      expect(touch).toHaveBeenCalledWith(idOf(browser.next), 120)
      expect(refreshed.port.setCookies).toEqual([])
      await expect(store.get(idOf(browser.next))).resolves.toMatchObject({
        expiresAt: T0 / 1000 + 180,
      })

      const reissued = await visit(engine, permanent.next)
      expect(touch).toHaveBeenCalledWith(idOf(permanent.next), 120)
      expect(reissued.port.cookie(COOKIE)?.attributes.maxAge).toBe(3_600)
      expectKeptPrivate(reissued.port)
      expect(set).not.toHaveBeenCalled()
    })
  })

  describe('over an in-process store', () => {
    it('loads and commits a changed session in the request’s own tick', async () => {
      const engine = createSessionEngine({ secret: SECRET, store: memoryStore() })
      const first = await visit(engine, '', (session) => session.set('username', 'john'))
      const port = new MemoryPort({ cookie: first.next })
      const context = engine.begin(port)
      expect(context).not.toBeInstanceOf(Promise)
      const loaded = context as RequestContext
      loaded.session.set('views', 1)
      expect(loaded.commit()).toBeUndefined()
    })
  })
})
