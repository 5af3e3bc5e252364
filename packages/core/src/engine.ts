// @crumbs/core/engine: what engines, adapters and stores need beyond the app-facing root. The
// maybe-synchronous forms answer at once where the platform can (node:crypto, once keys are
// derived) so a hot path pays no microtask; apps should use the root's promise forms.
export type { CookieMap } from './cookie/parse-cookie.js'
export { ParsedCookies } from './cookie/parse-cookie.js'
export { decodeBase64UrlBytes, encodeBase64UrlBytes } from './crypto/base64url-bytes.js'
export { decodeBase64UrlText, encodeBase64UrlText } from './crypto/base64url-text.js'
export { hmacSha1MaybeSync } from './crypto/hmac-sha1.js'
export type { SealOptions, UnsealOptions } from './crypto/seal.js'
export { sealMaybeSync, unsealMaybeSync } from './crypto/seal.js'
export type { SecretStrengthOptions } from './crypto/secret-strength.js'
export { checkSecretStrength } from './crypto/secret-strength.js'
export { sha256Base64Url } from './crypto/sha256.js'
export type { SignOptions } from './crypto/sign.js'
export { signMaybeSync, unsignMaybeSync } from './crypto/sign.js'
export type { VerifyResult } from './crypto/verify-result.js'
export { timingSafeEqual } from './internal/timing-safe-equal.js'
export type { MaybePromise } from './maybe-sync/then-maybe.js'
export { thenMaybe } from './maybe-sync/then-maybe.js'
