import { CrumbsError } from '../errors.js'
import { encodeUtf8 } from '../internal/encode-utf8.js'
import { isWellFormed } from '../internal/is-well-formed.js'
import type { MaybePromise } from '../maybe-sync/then-maybe.js'
import { thenMaybe } from '../maybe-sync/then-maybe.js'
import type { AesKey, CryptoBackend } from './crypto-backend.js'
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
export async function seal(value: string, options: SealOptions): Promise<string> {
  return sealWithIv(value, options, undefined)
}

/**
 * {@link seal} for hot paths: the token itself when the crypto backend answers synchronously
 * (node:crypto, once the keys are derived), a promise of it otherwise (Web Crypto). Throws
 * `INVALID_OPTION` synchronously for bad options or a lone surrogate.
 */
export function sealMaybeSync(value: string, options: SealOptions): MaybePromise<string> {
  return sealWithIv(value, options, undefined)
}

/** {@link sealMaybeSync} with a chosen IV, for the known-answer vectors only. @internal */
export function sealWithIv(
  value: string,
  options: SealOptions,
  fixedIv: Uint8Array | undefined,
): MaybePromise<string> {
  const { keyring, name, purpose } = resolveTokenOptions(options)
  const expiresAt = resolveExpiry(options)
  if (typeof value !== 'string' || !isWellFormed(value)) {
    throw new CrumbsError('INVALID_OPTION', 'The value to seal must be a well-formed string.')
  }
  const plaintext = encodeUtf8(value, EXPIRY_BYTES)
  const header = new DataView(plaintext.buffer, plaintext.byteOffset, EXPIRY_BYTES)
  header.setUint32(0, Math.floor(expiresAt / TWO_32))
  header.setUint32(4, expiresAt % TWO_32)
  const aad = additionalData(name, purpose)
  const { backend } = keyring
  const keys = keyring.aesKeys(purpose)
  if (keys instanceof Promise) {
    return keys.then((k) => sealWith(backend, k[0]!, fixedIv, plaintext, aad))
  }
  return sealWith(backend, keys[0]!, fixedIv, plaintext, aad)
}

function sealWith(
  backend: CryptoBackend,
  key: AesKey,
  fixedIv: Uint8Array | undefined,
  plaintext: Uint8Array,
  aad: Uint8Array,
): MaybePromise<string> {
  const iv = fixedIv ?? backend.randomBytes(IV_BYTES)
  // 12 bytes are four whole base64 groups, so encoding the parts apart spells base64url(body)
  // without copying the IV and the ciphertext into one buffer first.
  return thenMaybe(
    backend.aesGcmSeal(key, iv, plaintext, aad),
    (sealed) => VERSION + backend.encodeBase64Url(iv) + backend.encodeBase64Url(sealed),
  )
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
  return unsealMaybeSync(token, options)
}

/**
 * {@link unseal} for hot paths: the result itself when the crypto backend answers synchronously
 * (node:crypto, once the keys are derived), a promise of it otherwise (Web Crypto). Throws
 * `INVALID_OPTION` synchronously for bad options; hostile tokens never throw.
 */
export function unsealMaybeSync(
  token: string,
  options: UnsealOptions,
): MaybePromise<VerifyResult<string>> {
  const { keyring, name, purpose } = resolveTokenOptions(options)
  const now = resolveNow(options.now)
  if (typeof token !== 'string' || !token.startsWith(VERSION)) return MALFORMED
  const { backend } = keyring
  const body = backend.decodeBase64Url(token.slice(VERSION.length))
  if (body === undefined || body.length < MIN_BODY_BYTES) return MALFORMED
  const opening: Opening = {
    backend,
    iv: body.subarray(0, IV_BYTES),
    sealed: body.subarray(IV_BYTES),
    aad: additionalData(name, purpose),
    now,
  }
  const keys = keyring.aesKeys(purpose)
  if (keys instanceof Promise) return keys.then((k) => openFrom(opening, k, 0))
  return openFrom(opening, keys, 0)
}

/** What opening one token needs, whichever key opens it. */
interface Opening {
  readonly backend: CryptoBackend
  readonly iv: Uint8Array
  readonly sealed: Uint8Array
  readonly aad: Uint8Array
  /** ms since the epoch. */
  readonly now: number
}

/** The result of the first of `keys`, from `start` on, that opens the token. */
function openFrom(
  opening: Opening,
  keys: readonly AesKey[],
  start: number,
): MaybePromise<VerifyResult<string>> {
  for (let index = start; index < keys.length; index++) {
    const plaintext = opening.backend.aesGcmOpen(
      keys[index]!,
      opening.iv,
      opening.sealed,
      opening.aad,
    )
    if (plaintext instanceof Promise) {
      return plaintext.then((opened) =>
        opened === undefined
          ? openFrom(opening, keys, index + 1)
          : readPlaintext(opening, opened, index),
      )
    }
    if (plaintext !== undefined) return readPlaintext(opening, plaintext, index)
  }
  return MISMATCH
}

function readPlaintext(
  opening: Opening,
  plaintext: Uint8Array,
  index: number,
): VerifyResult<string> {
  const header = new DataView(plaintext.buffer, plaintext.byteOffset, EXPIRY_BYTES)
  const expiresAt = header.getUint32(0) * TWO_32 + header.getUint32(4)
  if (expiresAt !== 0 && opening.now >= expiresAt) return EXPIRED
  return verified(fromUtf8.decode(plaintext.subarray(EXPIRY_BYTES)), index)
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
