import {
  type CookieAttributes,
  CrumbsError,
  generateSessionId,
  isSessionId,
  type SessionRecord,
  type SessionStore,
  serializeCookie,
  sign,
  unsign,
} from '@crumbs/core'
import { flaskSessionCodec } from '../codecs/flask-session-codec.js'
import { sealedCodec } from '../codecs/sealed-codec.js'
import type { SessionCodec } from '../codecs/session-codec.js'
import { signedCodec } from '../codecs/signed-codec.js'
import {
  type InvalidSessionReason,
  type ResolvedSessionOptions,
  resolveSessionOptions,
  type SessionOptions,
} from '../options.js'
import { keepPrivate, varyOnCookie } from './cache-headers.js'
import type { HttpPort } from './http-port.js'
import { RequestContext } from './request-context.js'
import { isLocalDevelopment, isSecureRequest } from './request-security.js'
import { SessionState } from './session-state.js'
import { storeCall } from './store-call.js'

const ID_PURPOSE = 'session-id'

const nowSeconds = (): number => Math.floor(Date.now() / 1000)

/** Milliseconds of the first conflict backoff's range; each retry doubles it. */
const CONFLICT_BACKOFF_MS = 5

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

/** Where one request's session came from, and what committing it must do. */
interface Loaded {
  readonly record: SessionRecord | undefined
  /** The cookie verified under a fallback secret: re-issue it under the newest. */
  readonly rotated: boolean
  /** The request carried a session cookie (valid or not). */
  readonly hadCookie: boolean
  /** Store sessions: the id, its version and when the store forgets it. */
  readonly id?: string
  readonly version?: number
  readonly expiresAt?: number
}

/** The session engine: every rule of loading and committing, with no host framework in sight. */
export interface SessionEngine {
  readonly options: ResolvedSessionOptions
  /** Loads the request's session and returns the context the adapter exposes. */
  begin(port: HttpPort): Promise<RequestContext>
  /** Ends every session of one user (log out everywhere); needs a store. */
  destroyUserSessions(userId: string): Promise<number>
}

/**
 * Creates the engine behind every adapter. Options are checked here, once: a missing or short
 * secret, or any impossible option, throws a `CrumbsError` at start-up.
 */
export function createSessionEngine(options: SessionOptions): SessionEngine {
  const opts = resolveSessionOptions(options)
  const keys = opts.keys
  const store = opts.store
  const codec: SessionCodec | undefined =
    store !== undefined
      ? undefined
      : opts.format === 'sealed'
        ? sealedCodec(keys)
        : opts.format === 'signed'
          ? signedCodec(keys)
          : flaskSessionCodec(opts.secrets, opts.maxAge)

  const cookieSecure = (port: HttpPort): boolean =>
    opts.cookie.secure === 'auto'
      ? isSecureRequest(port, opts.trustProxy) || !isLocalDevelopment(port)
      : opts.cookie.secure

  const cookieName = (secure: boolean): string => {
    const { name, prefix, domain, path } = opts.cookie
    if (!secure || !prefix) return name
    return domain === undefined && path === '/' ? `__Host-${name}` : `__Secure-${name}`
  }

  const report = (reason: InvalidSessionReason, cookie: string): void => {
    opts.onInvalid?.({ reason, cookie })
  }

  /** Store commits in flight in this process, by session id. */
  const commits = new Map<string, Promise<void>>()

  /**
   * Runs one session's write after any other commit of that session in this process, waiting
   * at most `storeTimeout` for it. Concurrent requests of one browser then replay their changes
   * once each instead of colliding in lockstep until their retries run out; other processes
   * are still handled by the versioned write.
   */
  async function oneAtATime<T>(sessionId: string, write: () => Promise<T>): Promise<T> {
    const previous = commits.get(sessionId)
    let release!: () => void
    const current = new Promise<void>((resolve) => {
      release = resolve
    })
    commits.set(sessionId, current)
    try {
      if (previous !== undefined) {
        let timer: ReturnType<typeof setTimeout> | undefined
        await Promise.race([
          previous,
          new Promise((resolve) => (timer = setTimeout(resolve, opts.storeTimeout * 1000))),
        ])
        clearTimeout(timer)
      }
      return await write()
    } finally {
      release()
      if (commits.get(sessionId) === current) commits.delete(sessionId)
    }
  }

  const call = <T>(operation: string, fn: (s: SessionStore) => Promise<T>): Promise<T> =>
    storeCall(operation, opts.storeTimeout, () => fn(store!))

  /** Seconds the store keeps a session after this request, within its absolute lifetime. */
  const storeTtl = (createdAt: number, now: number): number => {
    const ttl = opts.idleTimeout > 0 ? Math.min(opts.idleTimeout, opts.maxAge) : opts.maxAge
    return Math.max(1, Math.min(ttl, absoluteRemaining(createdAt, now)))
  }

  const absoluteRemaining = (createdAt: number, now: number): number =>
    opts.absoluteTimeout > 0 ? createdAt + opts.absoluteTimeout - now : Number.POSITIVE_INFINITY

  const timedOut = (
    record: SessionRecord,
    now: number,
    checkIdle: boolean,
  ): InvalidSessionReason | undefined => {
    if (absoluteRemaining(record.createdAt, now) <= 0) return 'absolute-timeout'
    if (checkIdle && opts.idleTimeout > 0 && now - record.touchedAt >= opts.idleTimeout)
      return 'idle-timeout'
    return undefined
  }

  async function load(value: string | undefined, name: string, now: number): Promise<Loaded> {
    const none: Loaded = { record: undefined, rotated: false, hadCookie: value !== undefined }
    if (value === undefined) return none
    const refuse = (reason: InvalidSessionReason): Loaded => {
      report(reason, name)
      return none
    }
    if (codec !== undefined) {
      const decoded = await codec.decode(value, name, now)
      if (!decoded.valid) return refuse(decoded.reason)
      const expired = timedOut(decoded.record, now, true)
      if (expired) return refuse(expired)
      return { record: decoded.record, rotated: decoded.rotated, hadCookie: true }
    }
    const verified = await unsign(value, { keys, name, purpose: ID_PURPOSE })
    if (!verified.valid || !isSessionId(verified.value)) {
      return refuse(verified.valid ? 'malformed' : verified.reason)
    }
    const id = verified.value
    const stored = await call('get', (s) => s.get(id))
    if (stored === undefined) return refuse('unknown-id')
    const expired = timedOut(stored.record, now, false)
    if (expired) {
      await call('delete', (s) => s.delete(id))
      return refuse(expired)
    }
    return {
      record: stored.record,
      rotated: verified.rotated,
      hadCookie: true,
      id,
      version: stored.version,
      expiresAt: stored.expiresAt,
    }
  }

  return {
    options: opts,

    async begin(port: HttpPort): Promise<RequestContext> {
      const now = nowSeconds()
      const secure = cookieSecure(port)
      const name = cookieName(secure)
      const context = new RequestContext(port, keys)
      const loaded = await load(context.cookies.get(name), name, now)
      let id = loaded.id
      let version = loaded.version
      let obsoleteId: string | undefined
      let cookieStale = loaded.rotated

      const attributes = (session: SessionState, at: number): CookieAttributes => {
        const c = opts.cookie
        return {
          path: c.path,
          secure,
          httpOnly: c.httpOnly,
          sameSite: c.sameSite,
          ...(c.partitioned ? { partitioned: true } : {}),
          ...(c.domain === undefined ? {} : { domain: c.domain }),
          ...(c.priority === undefined ? {} : { priority: c.priority }),
          ...(session.permanent
            ? {
                maxAge: Math.max(
                  0,
                  Math.min(opts.maxAge, absoluteRemaining(session.createdAt, at)),
                ),
              }
            : {}),
        }
      }

      const setSessionCookie = (value: string, session: SessionState, at: number): void => {
        const line = serializeCookie(name, value, attributes(session, at))
        port.appendSetCookie(line)
        varyOnCookie(port)
        keepPrivate(port)
      }

      const expireSessionCookie = (): void => {
        const c = opts.cookie
        port.appendSetCookie(
          serializeCookie(name, '', {
            path: c.path,
            secure,
            httpOnly: c.httpOnly,
            sameSite: c.sameSite,
            ...(c.partitioned ? { partitioned: true } : {}),
            ...(c.domain === undefined ? {} : { domain: c.domain }),
            expires: new Date(0),
            maxAge: 0,
          }),
        )
        varyOnCookie(port)
        keepPrivate(port)
      }

      const rollingDue = (session: SessionState, at: number): boolean => {
        if (!opts.rolling || session.isNew) return false
        if (loaded.expiresAt !== undefined) {
          return storeTtl(session.createdAt, at) - (loaded.expiresAt - at) >= opts.refreshAfter
        }
        return at - session.touchedAt >= opts.refreshAfter
      }

      async function commitCookieSession(session: SessionState, at: number): Promise<void> {
        if (session.empty) {
          // Cleared, destroyed or refused: the browser should forget the cookie.
          if (loaded.hadCookie && (session.modified || session.isNew)) expireSessionCookie()
          return
        }
        if (!session.modified && !cookieStale && !rollingDue(session, at)) return
        const record = session.toRecord(at, opts.userKey)
        const expiresAt = Math.min(
          at + (opts.idleTimeout > 0 ? opts.idleTimeout : opts.maxAge),
          record.createdAt + (opts.absoluteTimeout > 0 ? opts.absoluteTimeout : opts.maxAge + at),
        )
        setSessionCookie(await codec!.encode(record, name, expiresAt), session, at)
      }

      async function writeStoreRecord(session: SessionState, at: number): Promise<boolean> {
        for (let attempt = 0; ; attempt++) {
          const record = session.toRecord(at, opts.userKey)
          const ttl = storeTtl(record.createdAt, at)
          const result = await call('set', (s) =>
            s.set(id!, record, { ttl, expectedVersion: version ?? null }),
          )
          if (result.ok) {
            version = result.version
            return true
          }
          if (attempt >= opts.conflictRetries) {
            throw new CrumbsError(
              'SESSION_CONFLICT',
              'The session kept changing under concurrent requests; try again.',
              {
                details: { attempts: attempt + 1 },
              },
            )
          }
          // Writers that lost one race would retry in lockstep and collide again: a random
          // pause whose range doubles with each attempt spreads them out.
          await sleep(Math.random() * CONFLICT_BACKOFF_MS * 2 ** attempt)
          const fresh = await call('get', (s) => s.get(id!))
          // Deleted meanwhile (logout elsewhere): do not bring it back.
          if (fresh === undefined) return false
          session.rebase(fresh.record)
          version = fresh.version
        }
      }

      async function commitStoreSession(session: SessionState, at: number): Promise<void> {
        if (session.modified && session.empty) {
          if (id !== undefined && version !== undefined) await call('delete', (s) => s.delete(id!))
          if (obsoleteId !== undefined) await call('delete', (s) => s.delete(obsoleteId!))
          if (loaded.hadCookie) expireSessionCookie()
          return
        }
        if (session.modified) {
          const fresh = id === undefined
          if (fresh) {
            id = generateSessionId()
            version = undefined
          }
          if (!(await oneAtATime(id!, () => writeStoreRecord(session, at)))) {
            if (loaded.hadCookie) expireSessionCookie()
            return
          }
          if (obsoleteId !== undefined) await call('delete', (s) => s.delete(obsoleteId!))
          if (fresh || cookieStale || session.permanent || !loaded.hadCookie) {
            setSessionCookie(await sign(id!, { keys, name, purpose: ID_PURPOSE }), session, at)
          }
          return
        }
        if (session.isNew) {
          if (loaded.hadCookie) expireSessionCookie()
          return
        }
        const refresh = rollingDue(session, at)
        if (refresh) await call('touch', (s) => s.touch(id!, storeTtl(session.createdAt, at)))
        if (cookieStale || (refresh && session.permanent)) {
          setSessionCookie(await sign(id!, { keys, name, purpose: ID_PURPOSE }), session, at)
        }
      }

      const session: SessionState = new SessionState(loaded.record, now, {
        assertWritable: () => context.assertWritable(),
        async regenerate() {
          context.assertWritable()
          session.renew(nowSeconds())
          cookieStale = true
          if (store === undefined) return
          if (id !== undefined && version !== undefined) obsoleteId ??= id
          id = undefined
          version = undefined
        },
        async destroy() {
          context.assertWritable()
          if (store !== undefined) {
            if (id !== undefined && version !== undefined)
              await call('delete', (s) => s.delete(id!))
            if (obsoleteId !== undefined) await call('delete', (s) => s.delete(obsoleteId!))
            id = undefined
            version = undefined
            obsoleteId = undefined
          }
          session.reset(nowSeconds())
          cookieStale = false
          context.markDirty()
        },
        save: () => context.commit(),
      })

      context.attachSession(session, async () => {
        const at = nowSeconds()
        if (store === undefined) await commitCookieSession(session, at)
        else await commitStoreSession(session, at)
        if (session.modified) session.committed(at)
        cookieStale = false
      })
      // A refused cookie is cleared even when the request never touches the session.
      if (loaded.hadCookie && loaded.record === undefined) context.markDirty()
      if (cookieStale || rollingDue(session, now)) context.markDirty()
      return context
    },

    async destroyUserSessions(userId: string): Promise<number> {
      if (store === undefined) {
        throw new CrumbsError(
          'INVALID_OPTION',
          'destroyUserSessions needs store sessions: cookie sessions live in the browser and cannot be listed. Pass a `store`.',
        )
      }
      return call('deleteUserSessions', (s) => s.deleteUserSessions(userId))
    },
  }
}
