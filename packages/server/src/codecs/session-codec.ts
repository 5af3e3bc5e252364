import type { SessionRecord } from '@crumbs/core'
import type { MaybePromise } from '@crumbs/core/engine'

/** The outcome of decoding a session cookie. */
export type DecodeResult =
  | { readonly valid: true; readonly record: SessionRecord; readonly rotated: boolean }
  | { readonly valid: false; readonly reason: 'malformed' | 'mismatch' | 'expired' }

/**
 * Turns a session record into a cookie value and back, bound to the cookie's name. Both answer
 * synchronously when the crypto does (node:crypto), so a request need not wait a microtask.
 */
export interface SessionCodec {
  /**
   * The value is base64url and `.` only, cookie-octets that need no encoding: the session
   * cookie's line is filled in with it as it is.
   * @param expiresAt - Unix seconds after which the value must no longer decode, when the
   * format can carry it.
   */
  encode(record: SessionRecord, cookieName: string, expiresAt: number): MaybePromise<string>
  decode(value: string, cookieName: string, now: number): MaybePromise<DecodeResult>
}
