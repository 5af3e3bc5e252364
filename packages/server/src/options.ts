import {
  CrumbsError,
  createKeyring,
  isCrumbsError,
  type Keyring,
  type SessionStore,
  serializeCookie,
} from '@crumbs/core'

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
   * `Secure`: `'auto'` sets it on every request except plain http to localhost/127.0.0.1/[::1].
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
  /** Cookie-session encoding: `sealed` (AES-GCM), `signed` (readable JSON + HMAC) or `flask`. @default 'sealed' */
  format?: CookieSessionFormat
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
  /** Honour `X-Forwarded-Proto` from a reverse proxy when deciding Secure. @default false */
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
   * @default logs to `console.error`
   */
  onError?: (error: unknown) => void
}

/** Options after validation: every field present and frozen. */
export interface ResolvedSessionOptions {
  readonly secrets: readonly string[]
  /** The keyring over {@link secrets}, deriving and caching keys once per process. */
  readonly keys: Keyring
  readonly store: SessionStore | undefined
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

const logError = (error: unknown): void => {
  console.error('[crumbs] session error:', error)
}

const FORMATS: readonly CookieSessionFormat[] = ['sealed', 'signed', 'flask']

function fail(option: string, expected: string): never {
  throw new CrumbsError('INVALID_OPTION', `Session option \`${option}\` must be ${expected}.`, {
    details: { option },
  })
}

function seconds(option: string, value: unknown, fallback: number, allowZero: boolean): number {
  if (value === undefined) return fallback
  if (typeof value !== 'number' || !Number.isInteger(value) || value < (allowZero ? 0 : 1)) {
    fail(option, `a whole number of seconds${allowZero ? ' (0 turns it off)' : ' above 0'}`)
  }
  return value
}

function oneOf<T extends string>(
  option: string,
  value: unknown,
  allowed: readonly T[],
  fallback: T,
): T {
  if (value === undefined) return fallback
  if (!allowed.includes(value as T))
    fail(option, `one of ${allowed.map((v) => `'${v}'`).join(', ')}`)
  return value as T
}

function flag(option: string, value: unknown, fallback: boolean): boolean {
  if (value === undefined) return fallback
  if (typeof value !== 'boolean') fail(option, 'true or false')
  return value
}

/** The secrets in `[newest, ...fallbacks]` order, checked by the keyring (≥ 32 bytes each). */
function resolveSecrets(secret: unknown): { secrets: readonly string[]; keys: Keyring } {
  const list: unknown[] =
    typeof secret === 'string' ? [secret] : Array.isArray(secret) ? secret : []
  if (list.length === 0 || list.some((s) => s === '')) {
    // The keyring's error says how to generate a secret.
    return { secrets: [], keys: createKeyring([]) }
  }
  list.forEach((s, index) => {
    if (typeof s !== 'string') fail(`secret[${index}]`, 'a string')
  })
  const secrets = Object.freeze([...(list as string[])])
  return { secrets, keys: createKeyring(secrets) }
}

/** Whether core's serializer accepts `name`: one definition of a valid cookie name. */
function isCookieName(name: string): boolean {
  try {
    serializeCookie(name, '', { secure: true, path: '/' })
    return true
  } catch (error) {
    if (isCrumbsError(error, 'INVALID_COOKIE_NAME')) return false
    throw error
  }
}

function isStore(value: unknown): value is SessionStore {
  if (typeof value !== 'object' || value === null) return false
  const store = value as Record<string, unknown>
  return ['get', 'set', 'touch', 'delete', 'listUserSessions', 'deleteUserSessions'].every(
    (method) => typeof store[method] === 'function',
  )
}

/**
 * Validates and freezes session options, failing at start-up with a message that says how to
 * fix the mistake.
 */
export function resolveSessionOptions(options: SessionOptions): ResolvedSessionOptions {
  if (typeof options !== 'object' || options === null) fail('options', 'an object')
  const { secrets, keys } = resolveSecrets(options.secret)
  if (options.store !== undefined && !isStore(options.store)) {
    fail('store', 'a SessionStore (get, set, touch, delete, listUserSessions, deleteUserSessions)')
  }
  if (options.store !== undefined && options.format !== undefined) {
    fail(
      'format',
      'left unset when a store is given (store sessions keep only a signed id in the cookie)',
    )
  }
  const c = options.cookie ?? {}
  const d = SESSION_DEFAULTS.cookie
  const name = c.name ?? d.name
  if (typeof name !== 'string' || !isCookieName(name)) {
    fail('cookie.name', 'a cookie name (RFC 7230 token characters)')
  }
  if (/^__(host|secure)-/i.test(name)) {
    fail(
      'cookie.name',
      'given without a __Host-/__Secure- prefix (crumbs adds it when the cookie is Secure)',
    )
  }
  const secure = c.secure ?? d.secure
  if (secure !== 'auto' && typeof secure !== 'boolean')
    fail('cookie.secure', "true, false or 'auto'")
  const sameSite = oneOf('cookie.sameSite', c.sameSite, ['strict', 'lax', 'none'], d.sameSite)
  const partitioned = flag('cookie.partitioned', c.partitioned, d.partitioned)
  if ((sameSite === 'none' || partitioned) && secure === false) {
    fail('cookie.secure', "true or 'auto' when sameSite is 'none' or the cookie is partitioned")
  }
  const cookie = Object.freeze({
    name,
    prefix: flag('cookie.prefix', c.prefix, d.prefix),
    path: c.path ?? d.path,
    secure,
    httpOnly: flag('cookie.httpOnly', c.httpOnly, d.httpOnly),
    sameSite,
    partitioned,
    ...(c.domain === undefined ? {} : { domain: c.domain }),
    ...(c.priority === undefined
      ? {}
      : { priority: oneOf('cookie.priority', c.priority, ['low', 'medium', 'high'], 'medium') }),
  })
  const maxAge = seconds('maxAge', options.maxAge, SESSION_DEFAULTS.maxAge, false)
  if (maxAge > 400 * DAY)
    fail('maxAge', 'at most 400 days (34560000 s), the longest a browser keeps a cookie')
  const idleTimeout = seconds(
    'idleTimeout',
    options.idleTimeout,
    SESSION_DEFAULTS.idleTimeout,
    true,
  )
  const absoluteTimeout = seconds(
    'absoluteTimeout',
    options.absoluteTimeout,
    SESSION_DEFAULTS.absoluteTimeout,
    true,
  )
  const refreshAfter = seconds(
    'refreshAfter',
    options.refreshAfter,
    Math.max(1, Math.min(DAY, Math.floor((idleTimeout || maxAge) / 2))),
    true,
  )
  if (options.onInvalid !== undefined && typeof options.onInvalid !== 'function') {
    fail('onInvalid', 'a function')
  }
  if (options.onError !== undefined && typeof options.onError !== 'function')
    fail('onError', 'a function')
  if (
    options.userKey !== undefined &&
    (typeof options.userKey !== 'string' || options.userKey === '')
  ) {
    fail('userKey', 'a non-empty string')
  }
  return Object.freeze({
    secrets,
    keys,
    store: options.store,
    format: oneOf('format', options.format, FORMATS, SESSION_DEFAULTS.format),
    cookie,
    maxAge,
    idleTimeout,
    absoluteTimeout,
    rolling: flag('rolling', options.rolling, SESSION_DEFAULTS.rolling),
    refreshAfter,
    trustProxy: flag('trustProxy', options.trustProxy, SESSION_DEFAULTS.trustProxy),
    userKey: options.userKey,
    storeTimeout: seconds(
      'storeTimeout',
      options.storeTimeout,
      SESSION_DEFAULTS.storeTimeout,
      false,
    ),
    conflictRetries: seconds(
      'conflictRetries',
      options.conflictRetries,
      SESSION_DEFAULTS.conflictRetries,
      true,
    ),
    onInvalid: options.onInvalid,
    onError: options.onError ?? logError,
  })
}
