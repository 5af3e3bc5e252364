import type { Keyring, SessionStore } from '@crumbs/core'

/** How a cookie session is encoded. */
export type CookieSessionFormat = 'sealed' | 'signed' | 'flask'

/** Attributes of the session cookie. Secure defaults; change them only with a reason. */
export interface SessionCookieOptions {
  /**
   * The cookie's base name. On a secure request it takes the `__Host-` prefix (or `__Secure-`
   * when a `domain` is set) unless `prefix` is false.
   * @default 'session'
   */
  name?: string
  /** Whether to add the `__Host-`/`__Secure-` prefix when the cookie is Secure. @default true */
  prefix?: boolean
  /** `Domain`; leave unset to keep the cookie on this host only. @default undefined */
  domain?: string
  /** `Path`. @default '/' */
  path?: string
  /**
   * `Secure`. `'auto'` sets it on every request except plain-http development: a request from a
   * loopback address to localhost, 127.0.0.1, [::1] or *.localhost, not through a proxy, and
   * never under `NODE_ENV=production`. Whether a request is secure comes from its transport (a
   * TLS socket, an `https:` URL, or with `trustProxy` the proxy's `X-Forwarded-Proto` /
   * `Forwarded`), never from the Host header. A Secure cookie that goes out on plain http
   * elsewhere is logged once, since the browser drops it.
   * @default 'auto'
   */
  secure?: boolean | 'auto'
  /** `HttpOnly`: page scripts cannot read the cookie. @default true */
  httpOnly?: boolean
  /** `SameSite`. @default 'lax' */
  sameSite?: 'strict' | 'lax' | 'none'
  /** `Partitioned` (CHIPS); requires Secure. @default false */
  partitioned?: boolean
  /** `Priority`. @default undefined */
  priority?: 'low' | 'medium' | 'high'
}

/** Why a session cookie was not accepted, as reported to {@link SessionOptions.onInvalid}. */
export type InvalidSessionReason =
  | 'malformed'
  | 'mismatch'
  | 'expired'
  | 'idle-timeout'
  | 'absolute-timeout'
  | 'unknown-id'
  | 'revoked'

/** What {@link SessionOptions.onInvalid} receives. */
export interface InvalidSessionEvent {
  readonly reason: InvalidSessionReason
  /** The cookie name that carried the rejected value. */
  readonly cookie: string
}

/** Options of the session middleware; every adapter takes these. */
export interface SessionOptions {
  /**
   * The secret(s) keying signatures and seals: `[newest, ...fallbacks]`. The newest signs, all
   * verify, and a cookie verified under a fallback is re-issued under the newest. Each at least
   * 32 bytes. Required.
   */
  secret: string | readonly string[]
  /** Keep session data in this store; the cookie then carries only a signed id. @default undefined (cookie sessions) */
  store?: SessionStore
  /**
   * Cookie sessions only: make logout revoke them, keeping which logins ended in this store
   * (memory, SQLite, Redis, PostgreSQL). A cookie that names a user (`userKey`, required) then
   * carries its login's id and issue time; when that login leaves the session (`destroy()`, a
   * `pop` of the user key, `regenerate()`), its id is recorded until the cookie could no longer
   * live, and `destroyUserSessions(userId)` revokes every login of the user so far. A revoked
   * cookie reads as no session (`onInvalid` reason `revoked`). Only a cookie that names a user
   * costs a store read. docs/architecture/cookie-revocation.md.
   * @default undefined (a cookie session ends only when its cookie expires, as in Flask)
   */
  revocation?: SessionStore
  /** Cookie-session encoding: `sealed` (AES-GCM), `signed` (readable JSON + HMAC) or `flask`. @default 'sealed' */
  format?: CookieSessionFormat
  /**
   * With `format: 'flask'` only: accept a secret under 32 bytes or too predictable, as Flask
   * does (`app.secret_key = 'mysecretkey'`), so a TypeScript service can share sessions with a
   * Flask app whose key cannot change yet. A migration aid: anyone who guesses such a key can
   * forge sessions, so crumbs warns at start-up; generate a strong key, put it first and keep
   * the old one as a fallback until the old cookies are gone (docs/architecture/secrets-and-rotation.md).
   * Signed cookies (`setCookie(…, { signed: true })`) use only the strong secrets, and are
   * refused with `SECRET_WEAK` when there is none.
   * @default false
   */
  allowWeakFlaskSecret?: boolean
  /** Session cookie attributes. */
  cookie?: SessionCookieOptions
  /**
   * Lifetime of a permanent session's cookie, and the longest a store keeps a session, in
   * seconds (Flask's `PERMANENT_SESSION_LIFETIME`).
   * @default 2678400 (31 days)
   */
  maxAge?: number
  /** Seconds without a request after which a session ends; `0` turns it off. @default 604800 (7 days) */
  idleTimeout?: number
  /** Seconds after creation after which a session ends however active; `0` turns it off. @default 2678400 (31 days) */
  absoluteTimeout?: number
  /** Whether activity extends the session (re-issuing the cookie / touching the store). @default true */
  rolling?: boolean
  /**
   * Seconds since the last refresh before activity refreshes again, so busy sessions are not
   * rewritten on every request.
   * @default min(86400, idleTimeout / 2)
   */
  refreshAfter?: number
  /**
   * Trust the reverse proxy in front: read the client's scheme from its `Forwarded` (RFC 7239)
   * or `X-Forwarded-Proto` header when deciding Secure. Turn it on only behind a proxy that
   * sets (or strips) those headers. @default false
   */
  trustProxy?: boolean
  /** The session key whose value names the user, for the store's user index. @default undefined */
  userKey?: string
  /** Seconds a store call may take before the request gets `STORE_UNAVAILABLE`. @default 5 */
  storeTimeout?: number
  /** Conflicting versioned writes retried before `SESSION_CONFLICT`. @default 5 */
  conflictRetries?: number
  /** Called when a request's session cookie is refused (tampered, expired, unknown id). */
  onInvalid?: (event: InvalidSessionEvent) => void
  /**
   * Called when a session cannot be loaded or saved and the adapter answers 503 (store down) or
   * 500 itself, because no framework error handler can take the error.
   * @default logs the error and its causes to `console.error` (name, code, message and stack
   * frames only), with session ids, tokens, cookie values and URL credentials redacted
   */
  onError?: (error: unknown) => void
}

/** Options after validation: every field present and frozen. */
export interface ResolvedSessionOptions {
  readonly secrets: readonly string[]
  /**
   * The keyring over {@link secrets}, deriving and caching keys once per process; under
   * `allowWeakFlaskSecret`, over the strong ones only, and `undefined` when there is none.
   */
  readonly keys: Keyring | undefined
  readonly allowWeakFlaskSecret: boolean
  readonly store: SessionStore | undefined
  readonly revocation: SessionStore | undefined
  readonly format: CookieSessionFormat
  readonly cookie: Readonly<Required<Omit<SessionCookieOptions, 'domain' | 'priority'>>> &
    Pick<SessionCookieOptions, 'domain' | 'priority'>
  readonly maxAge: number
  readonly idleTimeout: number
  readonly absoluteTimeout: number
  readonly rolling: boolean
  readonly refreshAfter: number
  readonly trustProxy: boolean
  readonly userKey: string | undefined
  readonly storeTimeout: number
  readonly conflictRetries: number
  readonly onInvalid: ((event: InvalidSessionEvent) => void) | undefined
  readonly onError: (error: unknown) => void
}

const DAY = 86_400

/** The defaults, in one place. */
export const SESSION_DEFAULTS = Object.freeze({
  format: 'sealed',
  allowWeakFlaskSecret: false,
  cookie: Object.freeze({
    name: 'session',
    prefix: true,
    path: '/',
    secure: 'auto',
    httpOnly: true,
    sameSite: 'lax',
    partitioned: false,
  }),
  maxAge: 31 * DAY,
  idleTimeout: 7 * DAY,
  absoluteTimeout: 31 * DAY,
  rolling: true,
  trustProxy: false,
  storeTimeout: 5,
  conflictRetries: 5,
} as const)
