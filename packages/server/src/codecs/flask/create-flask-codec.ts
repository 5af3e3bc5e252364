import { CrumbsError } from '@crumbs/core'
import {
  decodeBase64UrlBytes,
  encodeBase64UrlBytes,
  hmacSha1MaybeSync,
  type MaybePromise,
  thenMaybe,
  timingSafeEqual,
} from '@crumbs/core/engine'
import { deflate, Inflate } from 'pako'
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

/**
 * Reads and writes Flask's default session cookie (itsdangerous `URLSafeTimedSerializer`). Both
 * answer at once where HMAC-SHA-1 is synchronous (node:crypto) and with a promise on Web Crypto.
 */
export interface FlaskCodec {
  /** Signs `data` with the newest secret, dated `now` (default: the current time). */
  encode(data: Readonly<Record<string, unknown>>, now?: Date): MaybePromise<string>
  /** Verifies and reads a cookie value; never throws on hostile input. */
  decode(cookie: string, options?: FlaskDecodeOptions): MaybePromise<FlaskDecodeResult>
}

/** Largest cookie value and largest (decompressed) payload read, in bytes: refuses zip bombs. */
export const MAX_FLASK_PAYLOAD_BYTES = 64 * 1024

const SIGNATURE_CHARS = 27 // 20-byte HMAC-SHA1, unpadded base64url
// Python's datetime ends at 9999-12-31T23:59:59Z; itsdangerous cannot date a cookie later.
const MAX_TIMESTAMP = 253_402_300_799
const COOKIE_CHARS = /^[A-Za-z0-9_.-]+$/
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })
const encoder = new TextEncoder()

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
  // itsdangerous' "hmac" key derivation, done once per secret: at once on node:crypto, a promise
  // on Web Crypto that the first encode or decode waits for.
  let keys = deriveKeys(secrets, encoder.encode(salt))
  void thenMaybe(keys, (derived) => {
    keys = derived
  })

  return {
    encode(data, now = new Date()) {
      const json = encoder.encode(encodeTaggedJson(withFlashTuples(checkData(data))))
      // pako ports classic zlib, the one Python links, so the deflate bytes equal Flask's; Node's
      // bundled zlib fork may pick other matches (docs/architecture/cookie-session-formats.md).
      const compressed = deflate(json)
      // itsdangerous' rule: compress only when it saves more than the `.` marker costs.
      const payload =
        compressed.length < json.length - 1
          ? `.${encodeBase64UrlBytes(compressed)}`
          : encodeBase64UrlBytes(json)
      const value = `${payload}.${encodeTimestamp(checkNow(now))}`
      return thenMaybe(keys, (derived) =>
        thenMaybe(sign(derived[0]!, value), (signature) => `${value}.${signature}`),
      )
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
      const signature = cookie.slice(signatureDot + 1)
      if (signature.length !== SIGNATURE_CHARS) return MISMATCH
      // Compare against the canonical encoding: itsdangerous' lenient base64 also accepts `=`
      // padding and other spellings of the last character; crumbs accepts one spelling.
      const verified = thenMaybe(keys, (derived) => findKey(derived, value, signature, 0))
      return thenMaybe(verified, (keyIndex): FlaskDecodeResult => {
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
      })
    },
  }
}

/** HMAC-SHA1(secret, salt) for each secret, in order. */
function deriveKeys(
  secrets: readonly string[],
  salt: Uint8Array,
  derived: Uint8Array[] = [],
): MaybePromise<Uint8Array[]> {
  if (derived.length === secrets.length) return derived
  const key = hmacSha1MaybeSync(encoder.encode(secrets[derived.length]), salt)
  return thenMaybe(key, (bytes) => deriveKeys(secrets, salt, [...derived, bytes]))
}

/** itsdangerous' signature of `value`: HMAC-SHA1 under the derived key, unpadded base64url. */
function sign(key: Uint8Array, value: string): MaybePromise<string> {
  return thenMaybe(hmacSha1MaybeSync(key, encoder.encode(value)), encodeBase64UrlBytes)
}

/** The index of the first key whose signature of `value` is `signature`, or -1. */
function findKey(
  keys: readonly Uint8Array[],
  value: string,
  signature: string,
  index: number,
): MaybePromise<number> {
  if (index === keys.length) return -1
  return thenMaybe(sign(keys[index]!, value), (expected) =>
    timingSafeEqual(expected, signature) ? index : findKey(keys, value, signature, index + 1),
  )
}

const MALFORMED = Object.freeze({ valid: false, reason: 'malformed' } as const)
const MISMATCH = Object.freeze({ valid: false, reason: 'mismatch' } as const)
const EXPIRED = Object.freeze({ valid: false, reason: 'expired' } as const)

function decodePayload(payload: string): Record<string, unknown> | undefined {
  const compressed = payload.startsWith('.')
  const raw = decodeBase64UrlBytes(compressed ? payload.slice(1) : payload)
  if (raw === undefined) return undefined
  const bytes = compressed ? inflate(raw) : raw
  if (bytes === undefined || bytes.length > MAX_FLASK_PAYLOAD_BYTES) return undefined
  const text = decodeUtf8(bytes)
  if (text === undefined) return undefined
  const result = decodeTaggedJson(text)
  return result.ok ? result.data : undefined
}

/** Thrown out of pako's output callback to stop inflating a stream past the limit. */
const TOO_LARGE = Symbol('inflated past MAX_FLASK_PAYLOAD_BYTES')

/**
 * Inflates a zlib stream (RFC 1950) with pako, which runs the same everywhere; a corrupt or
 * truncated stream, or one that inflates past the limit (a zip bomb, stopped as it grows),
 * gives `undefined`.
 */
function inflate(bytes: Uint8Array): Uint8Array | undefined {
  const inflator = new Inflate({ chunkSize: 16_384 })
  const chunks: Uint8Array[] = []
  let length = 0
  // pako calls onEnd once, with 0 (Z_OK) when the stream ended whole and an error code when it
  // is corrupt; a truncated stream never ends.
  let ended: number | undefined
  inflator.onData = (chunk) => {
    const bytes = chunk as Uint8Array
    length += bytes.length
    if (length > MAX_FLASK_PAYLOAD_BYTES) throw TOO_LARGE
    chunks.push(bytes)
  }
  inflator.onEnd = (status) => {
    ended = status
  }
  try {
    inflator.push(bytes, true)
  } catch (error) {
    if (error === TOO_LARGE) return undefined
    throw error
  }
  if (ended !== 0) return undefined
  const out = new Uint8Array(length)
  let offset = 0
  for (const chunk of chunks) {
    out.set(chunk, offset)
    offset += chunk.length
  }
  return out
}

function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return utf8.decode(bytes)
  } catch (error) {
    // The Encoding Standard's fatal decoder throws a TypeError: not UTF-8, so not Flask's JSON.
    if (error instanceof TypeError) return undefined
    throw error
  }
}

// Whole seconds as big-endian bytes without leading zeros (itsdangerous' `int_to_bytes`).
function encodeTimestamp(seconds: number): string {
  const bytes: number[] = []
  for (let rest = seconds; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest % 256)
  return encodeBase64UrlBytes(Uint8Array.from(bytes))
}

function decodeTimestamp(text: string): number | undefined {
  const bytes = decodeBase64UrlBytes(text)
  if (bytes === undefined || bytes.length > 8) return undefined
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
