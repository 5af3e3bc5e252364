import {
  type CookieAttributes,
  CrumbsError,
  isSessionId,
  type SessionRecord,
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
import { StoreCalls } from './store-calls.js'

/** The session engine: every rule of loading and committing, with no host framework in sight. */
export interface SessionEngine {
  readonly options: ResolvedSessionOptions
  /** Loads the request's session and returns the context the adapter exposes. */
  begin(port: HttpPort): Promise<RequestContext>
  /** Ends every session of one user (log out everywhere); needs a store. */
  destroyUserSessions(userId: string): Promise<number>
}

/** The session cookie's attributes for plain-http and secure requests, built once. */
function cookieTemplates(
  opts: ResolvedSessionOptions,
): Pick<EngineShared, 'attributes' | 'expired'> {
  const c = opts.cookie
  const base = (secure: boolean): CookieAttributes =>
    Object.freeze({
      path: c.path,
      secure,
      httpOnly: c.httpOnly,
      sameSite: c.sameSite,
      ...(c.partitioned ? { partitioned: true } : {}),
      ...(c.domain === undefined ? {} : { domain: c.domain }),
      ...(c.priority === undefined ? {} : { priority: c.priority }),
    })
  const expired = (secure: boolean): CookieAttributes =>
    Object.freeze({ ...base(secure), expires: new Date(0), maxAge: 0 })
  return {
    attributes: [base(false), base(true)],
    expired: [expired(false), expired(true)],
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
    ...cookieTemplates(opts),
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

  const names = ((): readonly [string, string] => {
    const { name, prefix, domain, path } = opts.cookie
    if (!prefix) return [name, name]
    return [name, domain === undefined && path === '/' ? `__Host-${name}` : `__Secure-${name}`]
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

  async function load(value: string | undefined, name: string, now: number): Promise<Loaded> {
    const none: Loaded = { record: undefined, rotated: false, hadCookie: value !== undefined }
    if (value === undefined) return none
    const refuse = (reason: InvalidSessionReason): Loaded => {
      opts.onInvalid?.({ reason, cookie: name })
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
    // The store's TTL enforces the idle timeout; only the absolute one is checked here.
    const stored = await store!.get(id)
    if (stored === undefined) return refuse('unknown-id')
    const expired = timedOut(stored.record, now, false)
    if (expired) {
      await store!.delete(id)
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
      const name = names[secure ? 1 : 0]
      const context = new RequestContext(port, keys)
      const loaded = await load(context.cookies.get(name), name, now)
      new RequestSession(shared, port, context, loaded, { name, secure }, now)
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
