import {
  CrumbsError,
  createKeyring,
  isCrumbsError,
  type Keyring,
  MIN_SECRET_BYTES,
  type SessionStore,
  serializeCookie,
} from '@crumbs/core'
import { checkSecretStrength } from '@crumbs/core/engine'
import { describeError } from '../internal/describe-error.js'
import {
  type CookieSessionFormat,
  type ResolvedSessionOptions,
  SESSION_DEFAULTS,
  type SessionOptions,
} from './session-options.js'

const DAY = 86_400

/** The default `onError`: the error and its causes, with ids, tokens and credentials redacted. */
const logError = (error: unknown): void => {
  console.error(`[crumbs] session error: ${describeError(error)}`)
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

function count(option: string, value: unknown, fallback: number): number {
  if (value === undefined) return fallback
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    fail(option, 'a whole number, 0 or more')
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

/**
 * The secrets in `[newest, ...fallbacks]` order, checked by the keyring (≥ 32 bytes each, not
 * predictable). Under `allowWeakFlaskSecret` the Flask codec checks them with Flask's leniency,
 * and the keyring takes only the strong ones.
 */
function resolveSecrets(
  secret: unknown,
  allowWeak: boolean,
): { secrets: readonly string[]; keys: Keyring | undefined } {
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
  if (!allowWeak) return { secrets, keys: createKeyring(secrets) }
  const strong = secrets.filter(isStrongSecret)
  const weak = secrets.length - strong.length
  if (weak > 0) {
    console.warn(
      `[crumbs] allowWeakFlaskSecret: ${weak} of the ${secrets.length} session secrets are under ${MIN_SECRET_BYTES} bytes or too predictable, so anyone who guesses one can forge sessions. Use this only while a Flask app shares the sessions: generate a strong key, put it first (Flask: SECRET_KEY, the old one in SECRET_KEY_FALLBACKS) and drop the weak one once the old cookies are gone.`,
    )
  }
  return { secrets, keys: strong.length > 0 ? createKeyring(strong) : undefined }
}

function isStrongSecret(secret: string): boolean {
  try {
    checkSecretStrength(secret)
    return true
  } catch (error) {
    if (isCrumbsError(error, 'SECRET_TOO_SHORT') || isCrumbsError(error, 'SECRET_WEAK')) {
      return false
    }
    throw error
  }
}

/** Every option `SessionOptions` has: anything else is a mistake, refused at start-up. */
const OPTIONS: ReadonlySet<string> = new Set([
  'secret',
  'store',
  'revocation',
  'format',
  'allowWeakFlaskSecret',
  'cookie',
  'maxAge',
  'idleTimeout',
  'absoluteTimeout',
  'rolling',
  'refreshAfter',
  'trustProxy',
  'userKey',
  'storeTimeout',
  'conflictRetries',
  'onInvalid',
  'onError',
])
const COOKIE_OPTIONS: ReadonlySet<string> = new Set([
  'name',
  'prefix',
  'domain',
  'path',
  'secure',
  'httpOnly',
  'sameSite',
  'partitioned',
  'priority',
])

/**
 * What a user of express-session, iron-session or cookie-session most likely meant by an option
 * crumbs does not have: each would otherwise be ignored without a word.
 */
const HINTS: Readonly<Record<string, string>> = {
  resave: 'crumbs writes a session only when it changed or a rolling refresh is due: remove it',
  saveUninitialized:
    "crumbs never stores an empty session (a visitor's CSRF token has a cookie of its own): remove it",
  name: 'the cookie name is cookie.name',
  genid: 'session ids are 256 bits from the platform CSPRNG and cannot be replaced',
  proxy: 'use trustProxy',
  unset: 'remove it: session.clear() or session.destroy() end a session',
  password: "iron-session's password is secret here (newest first, fallbacks after)",
  cookieName: 'use cookie.name',
  cookieOptions: 'use cookie',
  ttl: 'use maxAge (seconds)',
  keys: "cookie-session's keys are secret here: [newest, ...fallbacks]",
  'cookie.maxAge':
    "maxAge is in seconds, at the top level (express-session's cookie.maxAge is in milliseconds)",
  'cookie.expires': 'use maxAge (seconds) at the top level',
  'cookie.signed': 'the session cookie is always signed or sealed: remove it',
}

/** Throws `INVALID_OPTION` for the first option of `given` that is not in `known`. */
function refuseUnknown(given: object, known: ReadonlySet<string>, prefix: string): void {
  for (const key of Object.keys(given)) {
    if (known.has(key)) continue
    const option = `${prefix}${key}`
    const hint = HINTS[option] ?? 'not an option of crumbs sessions (see SessionOptions)'
    throw new CrumbsError('INVALID_OPTION', `Session option \`${option}\`: ${hint}.`, {
      details: { option },
    })
  }
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
  refuseUnknown(options, OPTIONS, '')
  if (options.cookie !== undefined) {
    if (typeof options.cookie !== 'object' || options.cookie === null) fail('cookie', 'an object')
    refuseUnknown(options.cookie, COOKIE_OPTIONS, 'cookie.')
  }
  const allowWeakFlaskSecret = flag(
    'allowWeakFlaskSecret',
    options.allowWeakFlaskSecret,
    SESSION_DEFAULTS.allowWeakFlaskSecret,
  )
  if (allowWeakFlaskSecret && (options.format !== 'flask' || options.store !== undefined)) {
    fail(
      'allowWeakFlaskSecret',
      "used only with format: 'flask' (it exists to share sessions with a Flask app)",
    )
  }
  const { secrets, keys } = resolveSecrets(options.secret, allowWeakFlaskSecret)
  if (options.store !== undefined && !isStore(options.store)) {
    fail('store', 'a SessionStore (get, set, touch, delete, listUserSessions, deleteUserSessions)')
  }
  if (options.revocation !== undefined) {
    if (!isStore(options.revocation)) {
      fail(
        'revocation',
        'a SessionStore (memoryStore(), sqliteStore(), redisStore(), postgresStore())',
      )
    }
    if (options.store !== undefined) {
      fail(
        'revocation',
        'left unset with store sessions: deleting a stored session already ends it',
      )
    }
    if (options.userKey === undefined) {
      fail(
        'userKey',
        'set when revocation is on: the session key that names the user, whose logins a logout revokes',
      )
    }
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
    allowWeakFlaskSecret,
    store: options.store,
    revocation: options.revocation,
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
    conflictRetries: count(
      'conflictRetries',
      options.conflictRetries,
      SESSION_DEFAULTS.conflictRetries,
    ),
    onInvalid: options.onInvalid,
    onError: options.onError ?? logError,
  })
}

/**
 * The keyring that signs and seals crumbs' own cookies: always there but under
 * `allowWeakFlaskSecret` without a strong secret, where only the Flask format (which keys its own
 * MAC) may run. Throws `SECRET_WEAK` otherwise.
 */
export function keyringOf(options: ResolvedSessionOptions): Keyring {
  if (options.keys === undefined) {
    throw new CrumbsError(
      'SECRET_WEAK',
      'Signed cookies need a strong secret, and allowWeakFlaskSecret was given only weak ones: add a strong secret first in the list.',
    )
  }
  return options.keys
}
