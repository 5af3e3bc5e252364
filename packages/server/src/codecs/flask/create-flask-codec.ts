import { Buffer } from 'node:buffer'
import { createHmac, timingSafeEqual } from 'node:crypto'
import { inflateSync } from 'node:zlib'
import { CrumbsError } from '@crumbs/core'
import { deflate } from 'pako'
import { decodeTaggedJson } from './decode-tagged-json.js'
import { encodeTaggedJson } from './encode-tagged-json.js'
import { type FlaskCodecOptions, resolveFlaskCodecOptions } from './resolve-flask-codec-options.js'
import { withFlashTuples } from './with-flash-tuples.js'

/** Options for {@link FlaskCodec.decode}. */
export interface FlaskDecodeOptions {
  /**
   * Oldest accepted cookie age in seconds, Flask's `PERMANENT_SESSION_LIFETIME`; a cookie dated
   * in the future is refused too when set, as itsdangerous does. Unset means no age check.
   */
  maxAge?: number
  /**
   * The current time.
   * @default new Date()
   */
  now?: Date
}

/** The outcome of {@link FlaskCodec.decode}; an invalid cookie means "no session". */
export type FlaskDecodeResult =
  | {
      readonly valid: true
      readonly data: Record<string, unknown>
      /** When the cookie was signed (whole seconds). */
      readonly issuedAt: Date
      /** Which of `secrets` verified it; 0 is the newest. */
      readonly keyIndex: number
      /** A fallback secret verified it, so the cookie should be re-issued. */
      readonly rotated: boolean
    }
  | { readonly valid: false; readonly reason: 'malformed' | 'mismatch' | 'expired' }

/** Reads and writes Flask's default session cookie (itsdangerous `URLSafeTimedSerializer`). */
export interface FlaskCodec {
  /** Signs `data` with the newest secret, dated `now` (default: the current time). */
  encode(data: Readonly<Record<string, unknown>>, now?: Date): string
  /** Verifies and reads a cookie value; never throws on hostile input. */
  decode(cookie: string, options?: FlaskDecodeOptions): FlaskDecodeResult
}

/** Largest cookie value and largest (decompressed) payload read, in bytes: refuses zip bombs. */
export const MAX_FLASK_PAYLOAD_BYTES = 64 * 1024

const SIGNATURE_CHARS = 27 // 20-byte HMAC-SHA1, unpadded base64url
// Python's datetime ends at 9999-12-31T23:59:59Z; itsdangerous cannot date a cookie later.
const MAX_TIMESTAMP = 253_402_300_799
const COOKIE_CHARS = /^[A-Za-z0-9_.-]+$/
const BASE64URL = /^[A-Za-z0-9_-]*$/
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })

/**
 * Creates a codec byte-compatible with Flask's `SecureCookieSessionInterface`: tagged JSON,
 * zlib-compressed behind a leading `.` when shorter, a base64url timestamp, and an HMAC-SHA1
 * signature under the key HMAC-SHA1(secret, salt). A Flask app and a TypeScript service sharing
 * `SECRET_KEY` can then read each other's sessions.
 *
 * @example
 * const flask = createFlaskCodec({ secrets: [process.env.SECRET_KEY!] })
 * const result = flask.decode(req.cookies.get('session') ?? '', { maxAge: 31 * 86400 })
 * if (result.valid) console.log(result.data.username)
 */
export function createFlaskCodec(options: FlaskCodecOptions): FlaskCodec {
  const { secrets, salt } = resolveFlaskCodecOptions(options)
  // itsdangerous' "hmac" key derivation, done once per secret.
  const keys = secrets.map((secret) => createHmac('sha1', secret).update(salt).digest())
  const sign = (key: Buffer, value: string): string =>
    createHmac('sha1', key).update(value).digest('base64url')

  return {
    encode(data, now = new Date()) {
      const json = Buffer.from(encodeTaggedJson(withFlashTuples(checkData(data))), 'utf8')
      // pako ports classic zlib, the one Python links, so the deflate bytes equal Flask's; Node's
      // bundled zlib fork may pick other matches (docs/architecture/cookie-session-formats.md).
      const compressed = Buffer.from(deflate(json))
      // itsdangerous' rule: compress only when it saves more than the `.` marker costs.
      const payload =
        compressed.length < json.length - 1
          ? `.${compressed.toString('base64url')}`
          : json.toString('base64url')
      const value = `${payload}.${encodeTimestamp(checkNow(now))}`
      return `${value}.${sign(keys[0]!, value)}`
    },

    decode(cookie, { maxAge, now = new Date() } = {}) {
      checkMaxAge(maxAge)
      const nowSeconds = checkNow(now)
      if (typeof cookie !== 'string' || cookie.length > MAX_FLASK_PAYLOAD_BYTES) return MALFORMED
      if (!COOKIE_CHARS.test(cookie)) return MALFORMED
      const signatureDot = cookie.lastIndexOf('.')
      const timestampDot = cookie.lastIndexOf('.', signatureDot - 1)
      if (timestampDot < 0 || timestampDot === signatureDot) return MALFORMED
      const value = cookie.slice(0, signatureDot)
      const signature = Buffer.from(cookie.slice(signatureDot + 1))
      if (signature.length !== SIGNATURE_CHARS) return MISMATCH
      // Compare against the canonical encoding: itsdangerous' lenient base64 also accepts `=`
      // padding and other spellings of the last character; crumbs accepts one spelling.
      const keyIndex = keys.findIndex((key) =>
        timingSafeEqual(Buffer.from(sign(key, value)), signature),
      )
      if (keyIndex < 0) return MISMATCH

      const timestamp = decodeTimestamp(cookie.slice(timestampDot + 1, signatureDot))
      if (timestamp === undefined) return MALFORMED
      if (maxAge !== undefined) {
        const age = nowSeconds - timestamp
        if (age > maxAge || age < 0) return EXPIRED
      }
      const data = decodePayload(cookie.slice(0, timestampDot))
      if (data === undefined) return MALFORMED
      return {
        valid: true,
        data,
        issuedAt: new Date(timestamp * 1000),
        keyIndex,
        rotated: keyIndex > 0,
      }
    },
  }
}

const MALFORMED = Object.freeze({ valid: false, reason: 'malformed' } as const)
const MISMATCH = Object.freeze({ valid: false, reason: 'mismatch' } as const)
const EXPIRED = Object.freeze({ valid: false, reason: 'expired' } as const)

function decodePayload(payload: string): Record<string, unknown> | undefined {
  const compressed = payload.startsWith('.')
  const base64 = compressed ? payload.slice(1) : payload
  if (!BASE64URL.test(base64) || base64.length % 4 === 1) return undefined
  const raw = Buffer.from(base64, 'base64url')
  const bytes = compressed ? inflate(raw) : raw
  if (bytes === undefined || bytes.length > MAX_FLASK_PAYLOAD_BYTES) return undefined
  const text = decodeUtf8(bytes)
  if (text === undefined) return undefined
  const result = decodeTaggedJson(text)
  return result.ok ? result.data : undefined
}

function inflate(bytes: Buffer): Buffer | undefined {
  try {
    return inflateSync(bytes, { maxOutputLength: MAX_FLASK_PAYLOAD_BYTES })
  } catch (error) {
    // A corrupt stream (Z_DATA_ERROR, Z_BUF_ERROR) or one past the limit (ERR_BUFFER_TOO_LARGE,
    // a zip bomb) is a malformed cookie; an error without a Node code is a bug and propagates.
    if (hasNodeCode(error)) return undefined
    throw error
  }
}

function decodeUtf8(bytes: Buffer): string | undefined {
  try {
    return utf8.decode(bytes)
  } catch (error) {
    // ERR_ENCODING_INVALID_ENCODED_DATA: the payload is not UTF-8, so not Flask's JSON.
    if (hasNodeCode(error)) return undefined
    throw error
  }
}

function hasNodeCode(error: unknown): boolean {
  return error instanceof Error && typeof (error as { code?: unknown }).code === 'string'
}

// Whole seconds as big-endian bytes without leading zeros (itsdangerous' `int_to_bytes`).
function encodeTimestamp(seconds: number): string {
  const bytes: number[] = []
  for (let rest = seconds; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest % 256)
  return Buffer.from(bytes).toString('base64url')
}

function decodeTimestamp(text: string): number | undefined {
  if (!BASE64URL.test(text) || text.length % 4 === 1) return undefined
  const bytes = Buffer.from(text, 'base64url')
  if (bytes.length > 8) return undefined
  const seconds = bytes.reduce((total, byte) => total * 256 + byte, 0)
  return seconds <= MAX_TIMESTAMP ? seconds : undefined
}

function checkData(data: Readonly<Record<string, unknown>>): Readonly<Record<string, unknown>> {
  const proto: unknown =
    typeof data === 'object' && data !== null ? Object.getPrototypeOf(data) : undefined
  if (proto !== Object.prototype && proto !== null) {
    throw new CrumbsError('INVALID_OPTION', 'Flask session data must be a plain object.')
  }
  return data
}

function checkNow(now: Date): number {
  const ms = now instanceof Date ? now.getTime() : Number.NaN
  if (!(ms >= 0 && ms <= MAX_TIMESTAMP * 1000)) {
    throw new CrumbsError('INVALID_OPTION', '`now` must be a valid Date between 1970 and 9999.')
  }
  return Math.floor(ms / 1000)
}

function checkMaxAge(maxAge: number | undefined): void {
  if (maxAge !== undefined && !(typeof maxAge === 'number' && maxAge >= 0 && maxAge < Infinity)) {
    throw new CrumbsError('INVALID_OPTION', '`maxAge` must be a non-negative number of seconds.', {
      details: { maxAge },
    })
  }
}
