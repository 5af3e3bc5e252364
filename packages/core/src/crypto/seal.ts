import { CrumbsError } from '../errors.js'
import { encodeUtf8 } from '../internal/encode-utf8.js'
import { isWellFormed } from '../internal/is-well-formed.js'
import { resolveTokenOptions, type TokenOptions } from './token-options.js'
import { EXPIRED, MALFORMED, MISMATCH, type VerifyResult, verified } from './verify-result.js'

/** Options of {@link seal}. */
export interface SealOptions extends TokenOptions {
  /** Seconds until the sealed value expires, counted from now; 0 means it never does. @default 0 */
  maxAge?: number
  /** When the sealed value expires; with `maxAge` too, the earlier of the two applies. */
  expires?: Date
}

/** Options of {@link unseal}. */
export interface UnsealOptions extends TokenOptions {
  /** The time to check expiry against. @default new Date() */
  now?: Date
}

/*
 * Token format v1 (all lengths in bytes):
 *
 *   token     = "v1." base64url(body)                      unpadded, RFC 4648 §5
 *   body      = iv(12) || ciphertext(8 + n) || tag(16)     AES-256-GCM, SP 800-38D
 *   plaintext = expiresAt(8) || utf8(value)(n)             expiresAt: big-endian ms since the
 *                                                          epoch, 0 = never
 *   aad       = utf8("v1." || len(purpose) || ":" || purpose || name)
 *   key       = HKDF-SHA-256(secret, "crumbs/hkdf-salt/v1", "crumbs/v1/<purpose>/aes-256-gcm")
 *
 * The IV is 96 random bits per token. The version is the text before the first dot, so a
 * future "v2." token can be told apart and both can be opened during a migration; it is also
 * in the AAD, so a body cannot be re-labelled as another version.
 */
const VERSION = 'v1.'
const IV_BYTES = 12
const EXPIRY_BYTES = 8
// IV, expiry and the 16-byte GCM tag, in literals: bundlers cannot prove a sum of bindings free
// of side effects, and would keep it in bundles that never open a token.
const MIN_BODY_BYTES = 12 + 8 + 16
// The largest time a Date can hold (ECMA-262, "Time Values and Time Range"), in ms.
const MAX_TIME = 8.64e15
const TWO_32 = 0x1_0000_0000

const fromUtf8 = /* @__PURE__ */ new TextDecoder()

const additionalData = (name: string, purpose: string) =>
  encodeUtf8(`${VERSION}${purpose.length}:${purpose}${name}`)

/**
 * `value` encrypted and authenticated with AES-256-GCM under the keyring's first secret, bound to
 * the cookie `name` and `purpose`, with an optional expiry sealed inside: `v1.` then base64url.
 * Rejects with `INVALID_OPTION` for bad options or a value holding a lone surrogate.
 *
 * @example
 * const cookie = await seal(JSON.stringify(data), { keys, name: 'session', maxAge: 3600 })
 */
export function seal(value: string, options: SealOptions): Promise<string> {
  return sealWithIv(value, options, undefined)
}

/** {@link seal} with a chosen IV, for the known-answer vectors only. @internal */
export async function sealWithIv(
  value: string,
  options: SealOptions,
  fixedIv: Uint8Array | undefined,
): Promise<string> {
  const { keyring, name, purpose } = resolveTokenOptions(options)
  const expiresAt = resolveExpiry(options)
  if (typeof value !== 'string' || !isWellFormed(value)) {
    throw new CrumbsError('INVALID_OPTION', 'The value to seal must be a well-formed string.')
  }
  const { backend } = keyring
  const plaintext = encodeUtf8(value, EXPIRY_BYTES)
  const header = new DataView(plaintext.buffer, plaintext.byteOffset, EXPIRY_BYTES)
  header.setUint32(0, Math.floor(expiresAt / TWO_32))
  header.setUint32(4, expiresAt % TWO_32)

  let keys = keyring.aesKeys(purpose)
  if (keys instanceof Promise) keys = await keys
  const iv = fixedIv ?? backend.randomBytes(IV_BYTES)
  let sealed = backend.aesGcmSeal(keys[0]!, iv, plaintext, additionalData(name, purpose))
  if (sealed instanceof Promise) sealed = await sealed
  // 12 bytes are four whole base64 groups, so encoding the parts apart spells base64url(body)
  // without copying the IV and the ciphertext into one buffer first.
  return VERSION + backend.encodeBase64Url(iv) + backend.encodeBase64Url(sealed)
}

/**
 * Opens a token from {@link seal}, trying every secret of the keyring, newest first. Tampered,
 * truncated, foreign, expired or garbage input never throws: it comes back
 * `{ valid: false, reason }`, and nothing of the plaintext is returned.
 *
 * @example
 * const result = await unseal(cookie, { keys, name: 'session' })
 * const data = result.valid ? JSON.parse(result.value) : {}
 */
export async function unseal(token: string, options: UnsealOptions): Promise<VerifyResult<string>> {
  const { keyring, name, purpose } = resolveTokenOptions(options)
  const now = resolveNow(options.now)
  if (typeof token !== 'string' || !token.startsWith(VERSION)) return MALFORMED
  const { backend } = keyring
  const body = backend.decodeBase64Url(token.slice(VERSION.length))
  if (body === undefined || body.length < MIN_BODY_BYTES) return MALFORMED
  const iv = body.subarray(0, IV_BYTES)
  const sealed = body.subarray(IV_BYTES)
  const aad = additionalData(name, purpose)

  let keys = keyring.aesKeys(purpose)
  if (keys instanceof Promise) keys = await keys
  for (let index = 0; index < keys.length; index++) {
    let plaintext = backend.aesGcmOpen(keys[index]!, iv, sealed, aad)
    if (plaintext instanceof Promise) plaintext = await plaintext
    if (plaintext === undefined) continue
    const header = new DataView(plaintext.buffer, plaintext.byteOffset, EXPIRY_BYTES)
    const expiresAt = header.getUint32(0) * TWO_32 + header.getUint32(4)
    if (expiresAt !== 0 && now >= expiresAt) return EXPIRED
    return verified(fromUtf8.decode(plaintext.subarray(EXPIRY_BYTES)), index)
  }
  return MISMATCH
}

/** The absolute expiry in ms since the epoch, or 0 for none; throws `INVALID_OPTION`. */
function resolveExpiry({ maxAge, expires }: SealOptions): number {
  let at = 0
  if (maxAge !== undefined) {
    if (typeof maxAge !== 'number' || !(maxAge >= 0)) {
      throw new CrumbsError('INVALID_OPTION', 'options.maxAge must be a number of seconds ≥ 0.')
    }
    if (maxAge > 0) at = Date.now() + Math.ceil(maxAge * 1000)
  }
  if (expires !== undefined) {
    if (!isDate(expires)) {
      throw new CrumbsError('INVALID_OPTION', 'options.expires must be a valid Date.')
    }
    // A time at or before the epoch is already past; 1 keeps it apart from 0 ("never").
    const time = Math.max(expires.getTime(), 1)
    at = at === 0 ? time : Math.min(at, time)
  }
  if (!(at <= MAX_TIME)) {
    throw new CrumbsError('INVALID_OPTION', 'options.maxAge reaches past the largest Date.')
  }
  return at
}

function resolveNow(now: Date | undefined): number {
  if (now === undefined) return Date.now()
  if (!isDate(now)) throw new CrumbsError('INVALID_OPTION', 'options.now must be a valid Date.')
  return now.getTime()
}

// Tag check rather than instanceof, so a Date from another realm still counts.
function isDate(value: unknown): value is Date {
  return (
    Object.prototype.toString.call(value) === '[object Date]' &&
    !Number.isNaN((value as Date).getTime())
  )
}
