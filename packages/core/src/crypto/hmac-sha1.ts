import { cryptoBackend } from '#crypto-backend'
import type { MaybePromise } from '../maybe-sync/then-maybe.js'

/**
 * HMAC-SHA-1 (RFC 2104) of `data` under the raw bytes of `key`, for a format other software
 * fixed (Flask's itsdangerous signs with it); crumbs' own tokens use HMAC-SHA-256. Answers at
 * once on node:crypto, with a promise on Web Crypto. `key` must not be empty.
 *
 * @example
 * const mac = await hmacSha1MaybeSync(derivedKey, new TextEncoder().encode(value))
 */
export function hmacSha1MaybeSync(key: Uint8Array, data: Uint8Array): MaybePromise<Uint8Array> {
  return cryptoBackend.hmacSha1(key, data)
}
