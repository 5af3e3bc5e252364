import { cryptoBackend } from '#crypto-backend'
import { CrumbsError } from '../errors.js'
import { GENERATE_HINT } from '../internal/generate-hint.js'
import { type MaybePromise, thenMaybe } from '../maybe-sync/then-maybe.js'
import type { AesKey, CryptoBackend, HmacKey } from './crypto-backend.js'
import { checkSecretStrength } from './secret-strength.js'

/** A secret: a string (counted in UTF-8 bytes) or raw bytes. */
export type KeyringSecret = string | Uint8Array

declare const keyringBrand: unique symbol

/**
 * Secrets for signing and sealing, newest first: the first signs and seals, every one verifies
 * and unseals, so a secret can be rotated without logging anybody out.
 */
export interface Keyring {
  /** How many secrets the keyring holds. */
  readonly size: number
  readonly [keyringBrand]: true
}

const KEY_BYTES = 32
const utf8 = /* @__PURE__ */ new TextEncoder()
// HKDF salt (RFC 5869 §3.1): fixed and public; it separates crumbs' keys from any other use of
// the same secret. Secrets stay the input keying material.
const HKDF_SALT = /* @__PURE__ */ utf8.encode('crumbs/hkdf-salt/v1')

type KeyCache<K> = Map<string, MaybePromise<readonly K[]>>

// Shared by every copy of this module (ESM and CommonJS builds, duplicate installs).
const KEYRING = Symbol.for('crumbs.keyring')

/** The keyring behind the public type: secrets, backend and the key caches. @internal */
export class KeyringImpl implements Keyring {
  declare readonly [keyringBrand]: true
  readonly size: number
  readonly backend: CryptoBackend
  // Private fields keep the secrets out of console.log, util.inspect and JSON.stringify.
  readonly #secrets: readonly Uint8Array[]
  readonly #hmac: KeyCache<HmacKey> = new Map()
  readonly #aes: KeyCache<AesKey> = new Map()

  /**
   * A keyring made by another copy of crumbs (the CommonJS build beside the ESM one) counts: its
   * methods reach its own private fields, so it works as one of this copy's.
   */
  static [Symbol.hasInstance](value: unknown): boolean {
    return (
      typeof value === 'object' &&
      value !== null &&
      (value as { [KEYRING]?: unknown })[KEYRING] === true
    )
  }

  get [KEYRING](): true {
    return true
  }

  constructor(backend: CryptoBackend, secrets: readonly Uint8Array[]) {
    this.backend = backend
    this.#secrets = secrets
    this.size = secrets.length
  }

  /** HMAC-SHA-256 keys for `purpose`, one per secret, derived and imported once. */
  hmacKeys(purpose: string): MaybePromise<readonly HmacKey[]> {
    return (
      this.#hmac.get(purpose) ??
      this.#derive(this.#hmac, purpose, 'hmac-sha256', (raw) => this.backend.importHmacKey(raw))
    )
  }

  /** AES-256-GCM keys for `purpose`, one per secret, derived and imported once. */
  aesKeys(purpose: string): MaybePromise<readonly AesKey[]> {
    return (
      this.#aes.get(purpose) ??
      this.#derive(this.#aes, purpose, 'aes-256-gcm', (raw) => this.backend.importAesKey(raw))
    )
  }

  #derive<K>(
    cache: KeyCache<K>,
    purpose: string,
    algorithm: string,
    importKey: (raw: Uint8Array) => MaybePromise<K>,
  ): MaybePromise<readonly K[]> {
    // The info names format version, purpose and algorithm, so every (purpose, algorithm) pair
    // gets an independent key. `purpose` cannot fake an algorithm: the info ends in one.
    const info = utf8.encode(`crumbs/v1/${purpose}/${algorithm}`)
    const pending = this.#secrets.map((secret) =>
      thenMaybe(this.backend.hkdf(secret, HKDF_SALT, info, KEY_BYTES), (raw) =>
        thenMaybe(importKey(raw), (key) => {
          raw.fill(0)
          return key
        }),
      ),
    )
    if (!pending.some((key) => key instanceof Promise)) {
      const keys = Object.freeze(pending as K[])
      cache.set(purpose, keys)
      return keys
    }
    const keys = Promise.all(pending).then(
      (resolved) => {
        const frozen = Object.freeze(resolved)
        cache.set(purpose, frozen)
        return frozen
      },
      (error: unknown) => {
        // Forget the failed attempt so the next call derives again.
        cache.delete(purpose)
        throw error
      },
    )
    cache.set(purpose, keys)
    return keys
  }
}

/**
 * A keyring from one secret or a list, newest first. Throws `SECRET_MISSING` for no secret,
 * `SECRET_TOO_SHORT` for one under 32 bytes, `SECRET_WEAK` for one too predictable to be a key
 * (see {@link checkSecretStrength}: under 64 bits by its byte frequencies, such as
 * `'a'.repeat(32)`), `INVALID_OPTION` for an entry of another type. Fallbacks are held to the
 * same rules: any secret that verifies lets whoever guesses it forge a cookie.
 *
 * @example
 * const keys = createKeyring([process.env.SECRET_KEY!, process.env.OLD_SECRET_KEY!])
 */
export function createKeyring(secrets: KeyringSecret | readonly KeyringSecret[]): Keyring {
  return new KeyringImpl(cryptoBackend, normalizeSecrets(secrets))
}

/** A keyring on an explicit backend, for the cross-backend vectors. @internal */
export function createKeyringWithBackend(
  backend: CryptoBackend,
  secrets: KeyringSecret | readonly KeyringSecret[],
): Keyring {
  return new KeyringImpl(backend, normalizeSecrets(secrets))
}

/** The keyring behind the public type; throws `INVALID_OPTION` for anything else. @internal */
export function resolveKeyring(keys: unknown): KeyringImpl {
  if (keys instanceof KeyringImpl) return keys
  throw new CrumbsError('INVALID_OPTION', 'options.keys must be a keyring from createKeyring().')
}

function normalizeSecrets(secrets: unknown): readonly Uint8Array[] {
  const list: readonly unknown[] = Array.isArray(secrets) ? secrets : [secrets]
  if (list.length === 0) {
    throw new CrumbsError('SECRET_MISSING', `The list of secrets is empty. ${GENERATE_HINT}`)
  }
  return Object.freeze(list.map(toSecretBytes))
}

function toSecretBytes(secret: unknown, index: number): Uint8Array {
  const details = { index }
  if (secret === undefined || secret === null || secret === '') {
    throw new CrumbsError('SECRET_MISSING', `Secret ${index} is missing. ${GENERATE_HINT}`, {
      details,
    })
  }
  let bytes: Uint8Array
  if (typeof secret === 'string') bytes = utf8.encode(secret)
  // A copy, so later writes to the caller's buffer do not change the keys.
  else if (isBytes(secret)) bytes = new Uint8Array(secret)
  else {
    throw new CrumbsError('INVALID_OPTION', `Secret ${index} must be a string or a Uint8Array.`, {
      details: { index, type: typeof secret },
    })
  }
  if (bytes.length === 0) {
    throw new CrumbsError('SECRET_MISSING', `Secret ${index} is empty. ${GENERATE_HINT}`, {
      details,
    })
  }
  checkSecretStrength(bytes, { index })
  return bytes
}

// instanceof fails for bytes made in another realm (an iframe, a vm context); the tag does not.
function isBytes(value: unknown): value is Uint8Array {
  return (
    value instanceof Uint8Array ||
    (ArrayBuffer.isView(value) && Object.prototype.toString.call(value) === '[object Uint8Array]')
  )
}
