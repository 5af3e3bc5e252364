import { CrumbsError } from '../errors.js'
import { isWellFormed } from '../internal/is-well-formed.js'
import type { MaybePromise } from '../maybe-sync/then-maybe.js'
import { thenMaybe } from '../maybe-sync/then-maybe.js'
import type { CryptoBackend, HmacKey } from './crypto-backend.js'
import { resolveTokenOptions, type TokenOptions } from './token-options.js'
import { MALFORMED, MISMATCH, type VerifyResult, verified } from './verify-result.js'

/** Options of {@link sign} and {@link unsign}. */
export type SignOptions = TokenOptions

/** Characters of a base64url HMAC-SHA-256 tag: 32 bytes, unpadded. */
const MAC_LENGTH = 43
// 42 full sextets, then one whose 2 spare bits are zero: the only spelling of 32 bytes.
const MAC_SHAPE = /^[A-Za-z0-9_-]{42}[AEIMQUYcgkosw048]$/

/**
 * What is MACed: the name behind its length, then the value. The length prefix makes the split
 * unambiguous, so no (name, value) pair can pose as another.
 */
const macInput = (name: string, value: string) => `${name.length}:${name}${value}`

/**
 * `value` followed by `.` and its HMAC-SHA-256 (43 base64url characters) under the keyring's
 * first secret, bound to the cookie `name` and `purpose`. The value stays readable; use
 * {@link seal} to hide it. Rejects with `INVALID_OPTION` for bad options or a value holding a
 * lone surrogate (it has no UTF-8 form).
 *
 * @example
 * const cookie = await sign('john', { keys, name: 'username' }) // 'john.Xb3…'
 */
export async function sign(value: string, options: SignOptions): Promise<string> {
  return signMaybeSync(value, options)
}

/**
 * {@link sign} for hot paths: the token itself when the crypto backend answers synchronously
 * (node:crypto, once the keys are derived), a promise of it otherwise (Web Crypto). `await`
 * takes either. Throws `INVALID_OPTION` synchronously for bad options or a lone surrogate.
 */
export function signMaybeSync(value: string, options: SignOptions): MaybePromise<string> {
  const { keyring, name, purpose } = resolveTokenOptions(options)
  if (typeof value !== 'string' || !isWellFormed(value)) {
    throw new CrumbsError('INVALID_OPTION', 'The value to sign must be a well-formed string.')
  }
  const data = macInput(name, value)
  const keys = keyring.hmacKeys(purpose)
  if (keys instanceof Promise) return keys.then((k) => macToken(keyring.backend, k, data, value))
  return macToken(keyring.backend, keys, data, value)
}

function macToken(
  backend: CryptoBackend,
  keys: readonly HmacKey[],
  data: string,
  value: string,
): MaybePromise<string> {
  return thenMaybe(backend.hmacSha256(keys[0]!, data), (mac) => `${value}.${mac}`)
}

/**
 * Checks a token from {@link sign} against every secret of the keyring, newest first, in constant
 * time. Hostile input never throws: it comes back `{ valid: false, reason }`.
 *
 * @example
 * const result = await unsign(req.cookies.get('username') ?? '', { keys, name: 'username' })
 * if (result.valid) greet(result.value)
 */
export async function unsign(token: string, options: SignOptions): Promise<VerifyResult<string>> {
  return unsignMaybeSync(token, options)
}

/**
 * {@link unsign} for hot paths: the result itself when the crypto backend answers synchronously
 * (node:crypto, once the keys are derived), a promise of it otherwise (Web Crypto). Throws
 * `INVALID_OPTION` synchronously for bad options; hostile tokens never throw.
 */
export function unsignMaybeSync(
  token: string,
  options: SignOptions,
): MaybePromise<VerifyResult<string>> {
  const { keyring, name, purpose } = resolveTokenOptions(options)
  if (typeof token !== 'string') return MALFORMED
  const dot = token.length - MAC_LENGTH - 1
  if (dot < 0 || token.charCodeAt(dot) !== 0x2e) return MALFORMED
  const value = token.slice(0, dot)
  const mac = token.slice(dot + 1)
  if (!MAC_SHAPE.test(mac) || !isWellFormed(value)) return MALFORMED
  const data = macInput(name, value)
  const { backend } = keyring
  const keys = keyring.hmacKeys(purpose)
  if (keys instanceof Promise) return keys.then((k) => verifyMac(backend, k, 0, data, mac, value))
  return verifyMac(backend, keys, 0, data, mac, value)
}

/** The first of `keys`, from `start` on, whose MAC of `data` is `mac`, as a result for `value`. */
function verifyMac(
  backend: CryptoBackend,
  keys: readonly HmacKey[],
  start: number,
  data: string,
  mac: string,
  value: string,
): MaybePromise<VerifyResult<string>> {
  for (let index = start; index < keys.length; index++) {
    const match = backend.hmacVerify(keys[index]!, data, mac)
    if (match instanceof Promise) {
      return match.then((ok) =>
        ok ? verified(value, index) : verifyMac(backend, keys, index + 1, data, mac, value),
      )
    }
    if (match) return verified(value, index)
  }
  return MISMATCH
}
