import {
  type CookieAttributes,
  CrumbsError,
  isSessionId,
  type MaybePromise,
  type SessionRecord,
  type StoredSession,
  type VerifyResult,
} from '@crumbs/core'
import { flaskSessionCodec } from '../codecs/flask-session-codec.js'
import { sealedCodec } from '../codecs/sealed-codec.js'
import type { DecodeResult, SessionCodec } from '../codecs/session-codec.js'
import { signedCodec } from '../codecs/signed-codec.js'
import type { HttpPort } from './http-port.js'
import { RequestContext } from './request-context.js'
import { isLocalDevelopment, isSecureRequest } from './request-security.js'
import {
  type EngineShared,
  ID_PURPOSE,
  type Loaded,
  nowSeconds,
  RequestSession,
} from './request-session.js'
import { resolveSessionOptions } from './resolve-session-options.js'
import { SessionCookie } from './session-cookie.js'
import type {
  InvalidSessionReason,
  ResolvedSessionOptions,
  SessionOptions,
} from './session-options.js'
import { SignedIds } from './signed-ids.js'
import { StoreCalls } from './store-calls.js'

/** The session engine: every rule of loading and committing, with no host framework in sight. */
export interface SessionEngine {
  readonly options: ResolvedSessionOptions
  /**
   * Loads the request's session and returns the context the adapter exposes: at once when
   * nothing had to wait (no cookie, or a cookie session on node:crypto), else a promise.
   */
  begin(port: HttpPort): MaybePromise<RequestContext>
  /** Ends every session of one user (log out everywhere); needs a store. */
  destroyUserSessions(userId: string): Promise<number>
}

/** A request without a session cookie. */
const NO_COOKIE: Loaded = Object.freeze({ record: undefined, rotated: false, hadCookie: false })
/** A request whose session cookie was refused (tampered, expired, unknown). */
const REFUSED: Loaded = Object.freeze({ record: undefined, rotated: false, hadCookie: true })

/** The session cookie's attributes for a plain-http or a secure request. */
function cookieAttributes(opts: ResolvedSessionOptions, secure: boolean): CookieAttributes {
  const c = opts.cookie
  return {
    path: c.path,
    secure,
    httpOnly: c.httpOnly,
    sameSite: c.sameSite,
    ...(c.partitioned ? { partitioned: true } : {}),
    ...(c.domain === undefined ? {} : { domain: c.domain }),
    ...(c.priority === undefined ? {} : { priority: c.priority }),
  }
}

/**
 * Creates the engine behind every adapter. Options are checked here, once: a missing or short
 * secret, or any impossible option, throws a `CrumbsError` at start-up.
 */
export function createSessionEngine(options: SessionOptions): SessionEngine {
  const opts = resolveSessionOptions(options)
  const keys = opts.keys
  const store = opts.store === undefined ? undefined : new StoreCalls(opts.store, opts.storeTimeout)
  const signedIds = store === undefined ? undefined : new SignedIds(keys, ID_PURPOSE)
  const codec: SessionCodec | undefined =
    store !== undefined
      ? undefined
      : opts.format === 'sealed'
        ? sealedCodec(keys)
        : opts.format === 'signed'
          ? signedCodec(keys)
          : flaskSessionCodec(opts.secrets, opts.maxAge)

  const absoluteRemaining = (createdAt: number, now: number): number =>
    opts.absoluteTimeout > 0 ? createdAt + opts.absoluteTimeout - now : Number.POSITIVE_INFINITY

  const shared: EngineShared = {
    opts,
    codec,
    store,
    absoluteRemaining,
    storeTtl(createdAt, now) {
      const ttl = opts.idleTimeout > 0 ? Math.min(opts.idleTimeout, opts.maxAge) : opts.maxAge
      return Math.max(1, Math.min(ttl, absoluteRemaining(createdAt, now)))
    },
  }

  const cookieSecure = (port: HttpPort): boolean =>
    opts.cookie.secure === 'auto'
      ? isSecureRequest(port, opts.trustProxy) || !isLocalDevelopment(port)
      : opts.cookie.secure

  // The session cookie for `[plain http, secure]` requests; only a secure one takes a prefix.
  const cookies = ((): readonly [SessionCookie, SessionCookie] => {
    const { name, prefix, domain, path } = opts.cookie
    const secureName = !prefix
      ? name
      : domain === undefined && path === '/'
        ? `__Host-${name}`
        : `__Secure-${name}`
    return [
      new SessionCookie(name, cookieAttributes(opts, false)),
      new SessionCookie(secureName, cookieAttributes(opts, true)),
    ]
  })()

  const timedOut = (
    record: SessionRecord,
    now: number,
    checkIdle: boolean,
  ): InvalidSessionReason | undefined => {
    if (absoluteRemaining(record.createdAt, now) <= 0) return 'absolute-timeout'
    if (checkIdle && opts.idleTimeout > 0 && now - record.touchedAt >= opts.idleTimeout) {
      return 'idle-timeout'
    }
    return undefined
  }

  const refuse = (reason: InvalidSessionReason, name: string): Loaded => {
    opts.onInvalid?.({ reason, cookie: name })
    return REFUSED
  }

  /** A cookie session's record, if its cookie decodes and has not timed out. */
  const fromCookie = (decoded: DecodeResult, name: string, now: number): Loaded => {
    if (!decoded.valid) return refuse(decoded.reason, name)
    const expired = timedOut(decoded.record, now, true)
    if (expired) return refuse(expired, name)
    return { record: decoded.record, rotated: decoded.rotated, hadCookie: true }
  }

  /** A store session's record, if the store knows the id and it has not timed out. */
  const fromStore = (
    stored: StoredSession | undefined,
    id: string,
    rotated: boolean,
    name: string,
    now: number,
  ): MaybePromise<Loaded> => {
    if (stored === undefined) return refuse('unknown-id', name)
    const expired = timedOut(stored.record, now, false)
    if (expired) {
      const deleted = store!.deleteNow(id)
      if (deleted instanceof Promise) return deleted.then(() => refuse(expired, name))
      return refuse(expired, name)
    }
    return {
      record: stored.record,
      rotated,
      hadCookie: true,
      id,
      version: stored.version,
      expiresAt: stored.expiresAt,
    }
  }

  /** A store session's id, if its signature holds, and then its record. */
  const fromSignedId = (
    verified: VerifyResult<string>,
    name: string,
    now: number,
  ): MaybePromise<Loaded> => {
    if (!verified.valid || !isSessionId(verified.value)) {
      return refuse(verified.valid ? 'malformed' : verified.reason, name)
    }
    const id = verified.value
    const { rotated } = verified
    // The store's TTL enforces the idle timeout; only the absolute one is checked here.
    const stored = store!.getNow(id)
    if (stored instanceof Promise) {
      return stored.then((found) => fromStore(found, id, rotated, name, now))
    }
    return fromStore(stored, id, rotated, name, now)
  }

  /**
   * The request's session: at once for a cookie session on node:crypto (or no cookie at all),
   * after the store answers for a store session.
   */
  const load = (value: string | undefined, name: string, now: number): MaybePromise<Loaded> => {
    if (value === undefined) return NO_COOKIE
    if (codec !== undefined) {
      const decoded = codec.decode(value, name, now)
      if (decoded instanceof Promise) return decoded.then((d) => fromCookie(d, name, now))
      return fromCookie(decoded, name, now)
    }
    const verified = signedIds!.verify(value, name)
    if (verified instanceof Promise) return verified.then((v) => fromSignedId(v, name, now))
    return fromSignedId(verified, name, now)
  }

  return {
    options: opts,

    begin(port: HttpPort): MaybePromise<RequestContext> {
      const now = nowSeconds()
      const cookie = cookies[cookieSecure(port) ? 1 : 0]
      const { name } = cookie
      const context = new RequestContext(port, keys)
      const loaded = load(context.cookie(name), name, now)
      if (loaded instanceof Promise) {
        return loaded.then((l) => {
          new RequestSession(shared, port, context, l, cookie, now)
          return context
        })
      }
      new RequestSession(shared, port, context, loaded, cookie, now)
      return context
    },

    async destroyUserSessions(userId: string): Promise<number> {
      if (store === undefined) {
        throw new CrumbsError(
          'INVALID_OPTION',
          'destroyUserSessions needs store sessions: cookie sessions live in the browser and cannot be listed. Pass a `store`.',
        )
      }
      return store.deleteUserSessions(userId)
    },
  }
}
