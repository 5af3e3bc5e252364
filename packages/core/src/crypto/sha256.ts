import { cryptoBackend } from '#crypto-backend'
import type { MaybePromise } from '../maybe-sync/then-maybe.js'

/**
 * The SHA-256 of `text`'s UTF-8 bytes as 43 base64url characters: a fixed-length name derived
 * from an arbitrary one, independent of any secret (a store id for a user's records, say).
 * Answers at once on node:crypto, with a promise on Web Crypto.
 *
 * @example
 * const id = await sha256Base64Url('revocation:alice@example.com')
 */
export function sha256Base64Url(text: string): MaybePromise<string> {
  return cryptoBackend.sha256(text)
}
