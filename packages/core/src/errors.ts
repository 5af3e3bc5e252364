/**
 * Every error code crumbs throws. One union, so a `switch` over `error.code` is exhaustive.
 *
 * Cookie grammar and RFC 6265bis policy (serialize time):
 * - `INVALID_COOKIE_NAME`: the name is empty or not an RFC 6265 token.
 * - `INVALID_COOKIE_VALUE`: a raw value holds a character outside cookie-octet.
 * - `INVALID_ATTRIBUTE`: an attribute holds CR, LF, `;` or a control character, or is malformed.
 * - `ATTRIBUTE_TOO_LARGE`: an attribute value is over 1024 bytes.
 * - `COOKIE_TOO_LARGE`: name plus value is over 4096 bytes.
 * - `PREFIX_REQUIRES_SECURE`: a `__Secure-` or `__Host-` name without `Secure`.
 * - `HOST_PREFIX_DOMAIN`: a `__Host-` name with a `Domain`.
 * - `HOST_PREFIX_PATH`: a `__Host-` name with a `Path` other than `/`.
 * - `SAMESITE_NONE_REQUIRES_SECURE`: `SameSite=None` without `Secure`.
 * - `PARTITIONED_REQUIRES_SECURE`: `Partitioned` without `Secure`.
 * - `LIFETIME_TOO_LONG`: `Max-Age` or `Expires` beyond 400 days.
 *
 * Keys and secrets (creation time):
 * - `SECRET_MISSING`: no secret, or an empty list.
 * - `SECRET_TOO_SHORT`: a secret under 32 bytes.
 * - `SECRET_WEAK`: a secret too predictable to be a key (`'a'.repeat(32)`, a zeroed buffer):
 *   its byte-frequency entropy estimate is under 64 bits (see `checkSecretStrength`).
 *
 * Options (creation or serialize time):
 * - `INVALID_OPTION`: an option has the wrong type or an impossible value, such as a cookie
 *   attribute of the wrong type (`httpOnly: 'yes'`, `maxAge: '60'`).
 *
 * Sessions and stores (runtime):
 * - `INVALID_SESSION_ID`: a session id is not of the expected shape.
 * - `HEADERS_SENT`: the session changed after the response headers went out.
 * - `STORE_UNAVAILABLE`: the session store failed or timed out.
 * - `SESSION_CONFLICT`: a versioned write kept conflicting after its retries.
 * - `STORE_CLOSED`: a store was used after its `close()`.
 * - `MIDDLEWARE_MISSING`: the session or a cookie helper was used on a request the session
 *   middleware has not loaded (it is not installed, or runs after the code that needs it).
 */
export type CrumbsErrorCode =
  | 'INVALID_COOKIE_NAME'
  | 'INVALID_COOKIE_VALUE'
  | 'INVALID_ATTRIBUTE'
  | 'ATTRIBUTE_TOO_LARGE'
  | 'COOKIE_TOO_LARGE'
  | 'PREFIX_REQUIRES_SECURE'
  | 'HOST_PREFIX_DOMAIN'
  | 'HOST_PREFIX_PATH'
  | 'SAMESITE_NONE_REQUIRES_SECURE'
  | 'PARTITIONED_REQUIRES_SECURE'
  | 'LIFETIME_TOO_LONG'
  | 'SECRET_MISSING'
  | 'SECRET_TOO_SHORT'
  | 'SECRET_WEAK'
  | 'INVALID_OPTION'
  | 'INVALID_SESSION_ID'
  | 'HEADERS_SENT'
  | 'STORE_UNAVAILABLE'
  | 'SESSION_CONFLICT'
  | 'STORE_CLOSED'
  | 'MIDDLEWARE_MISSING'

const BRAND = Symbol.for('crumbs.error')

/** Options for {@link CrumbsError}: the underlying `cause` and structured `details`. */
export interface CrumbsErrorOptions {
  cause?: unknown
  /** Machine-readable facts about the failure, such as `{ size: 4200, limit: 4096 }`. */
  details?: Readonly<Record<string, unknown>>
}

/**
 * The one error class crumbs throws; branch on `code`, never on the message.
 *
 * @example
 * try { serializeCookie('__Host-id', v, { secure: false }) }
 * catch (e) { if (isCrumbsError(e, 'PREFIX_REQUIRES_SECURE')) … }
 */
export class CrumbsError extends Error {
  readonly code: CrumbsErrorCode
  readonly details: Readonly<Record<string, unknown>>

  constructor(code: CrumbsErrorCode, message: string, options: CrumbsErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause })
    this.name = 'CrumbsError'
    this.code = code
    this.details = Object.freeze({ ...options.details })
  }

  /** Brands instances so {@link isCrumbsError} works across duplicate installs. */
  get [BRAND](): true {
    return true
  }

  /**
   * `error instanceof CrumbsError` holds for an error from any copy of crumbs: the ESM and the
   * CommonJS build of one install (an app that both imports and requires it), or two installs.
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return isCrumbsError(value)
  }
}

/**
 * Whether `value` is a {@link CrumbsError} (from any copy of crumbs), optionally with one `code`.
 */
export function isCrumbsError(value: unknown, code?: CrumbsErrorCode): value is CrumbsError {
  if (typeof value !== 'object' || value === null) return false
  if ((value as { [BRAND]?: unknown })[BRAND] !== true) return false
  return code === undefined || (value as CrumbsError).code === code
}
