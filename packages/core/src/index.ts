export type {
  AttributesFor,
  CookieAttributes,
  CookiePrefixRules,
  CookiePriority,
  CookieSameSite,
  SecureWhenRequired,
  SerializeCookieArgs,
  SerializeCookieOptions,
} from './cookie/cookie-attributes.js'
export { decodeCookieValue, encodeCookieValue } from './cookie/encode-cookie-value.js'
export type { CookieMap } from './cookie/parse-cookie.js'
export { parseCookie } from './cookie/parse-cookie.js'
export type { SetCookie } from './cookie/parse-set-cookie.js'
export { parseSetCookie } from './cookie/parse-set-cookie.js'
export { serializeCookie } from './cookie/serialize-cookie.js'
export type { Keyring, KeyringSecret } from './crypto/keyring.js'
export { createKeyring } from './crypto/keyring.js'
export type { SealOptions, UnsealOptions } from './crypto/seal.js'
export { seal, unseal } from './crypto/seal.js'
export { MIN_SECRET_BYTES } from './crypto/secret-strength.js'
export type { SignOptions } from './crypto/sign.js'
export { sign, unsign } from './crypto/sign.js'
export type { TokenOptions } from './crypto/token-options.js'
export type { InvalidReason, VerifyResult } from './crypto/verify-result.js'
export type { CrumbsErrorCode, CrumbsErrorOptions } from './errors.js'
export { CrumbsError, isCrumbsError } from './errors.js'
export { MAX_COOKIE_BYTES } from './internal/cookie-limits.js'
export type { MaybePromise } from './maybe-sync/then-maybe.js'
export { randomToken } from './random/random-token.js'
export type {
  FlashesOptions,
  FlashMessage,
  Session,
  SessionData,
  SessionRecord,
  SessionStamp,
} from './session/session.js'
export { assertSessionId, generateSessionId, isSessionId } from './session/session-id.js'
export type {
  MaybeSyncSessionStore,
  SessionStore,
  StoredSession,
  StoreSetOptions,
  StoreSetResult,
} from './session/session-store.js'
