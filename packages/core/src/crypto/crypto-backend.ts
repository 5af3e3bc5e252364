import type { MaybePromise } from '../maybe-sync/then-maybe.js'

declare const hmacKeyBrand: unique symbol
declare const aesKeyBrand: unique symbol

/** An HMAC-SHA-256 key held by a backend: a `KeyObject` on node, a `CryptoKey` on the web. */
export interface HmacKey {
  readonly [hmacKeyBrand]: true
}

/** An AES-256-GCM key held by a backend: a `KeyObject` on node, a `CryptoKey` on the web. */
export interface AesKey {
  readonly [aesKeyBrand]: true
}

/**
 * The primitives signing and sealing need, implemented once on node:crypto and once on Web Crypto.
 *
 * Both implementations produce identical bytes for identical inputs; the committed vectors in
 * `backend-vectors.node.test.ts` hold them to it. Synchronous answers stay synchronous so the
 * node hot path never waits on a promise it does not need.
 */
export interface CryptoBackend {
  /** Which implementation this is. */
  readonly name: 'node' | 'web'
  /** HKDF-SHA-256 output keying material of `length` bytes (RFC 5869 §2). */
  hkdf(
    ikm: Uint8Array,
    salt: Uint8Array,
    info: Uint8Array,
    length: number,
  ): MaybePromise<Uint8Array>
  /** Imports 32 raw bytes as a non-extractable HMAC-SHA-256 key; the caller may then wipe `raw`. */
  importHmacKey(raw: Uint8Array): MaybePromise<HmacKey>
  /** Imports 32 raw bytes as a non-extractable AES-256-GCM key; the caller may then wipe `raw`. */
  importAesKey(raw: Uint8Array): MaybePromise<AesKey>
  /** SHA-256 (FIPS 180-4) of the UTF-8 bytes of `data`, as unpadded base64url (43 characters). */
  sha256(data: string): MaybePromise<string>
  /** HMAC-SHA-256 (RFC 2104) of the UTF-8 bytes of `data`, as unpadded base64url (43 characters). */
  hmacSha256(key: HmacKey, data: string): MaybePromise<string>
  /**
   * Whether `mac` is exactly the base64url text {@link hmacSha256} gives for `data`, compared in
   * constant time; any other spelling of the same bytes does not match.
   */
  hmacVerify(key: HmacKey, data: string, mac: string): MaybePromise<boolean>
  /** AES-256-GCM encryption with a 128-bit tag: the ciphertext followed by the tag (SP 800-38D). */
  aesGcmSeal(
    key: AesKey,
    iv: Uint8Array,
    plaintext: Uint8Array,
    aad: Uint8Array,
  ): MaybePromise<Uint8Array>
  /** The plaintext of `sealed` (ciphertext then 128-bit tag), or `undefined` when it fails to authenticate. */
  aesGcmOpen(
    key: AesKey,
    iv: Uint8Array,
    sealed: Uint8Array,
    aad: Uint8Array,
  ): MaybePromise<Uint8Array | undefined>
  /** `length` fresh bytes from the platform CSPRNG, owned by the caller. */
  randomBytes(length: number): Uint8Array
  /**
   * HMAC-SHA-1 (RFC 2104) of `data` under the raw bytes of `key`, for formats that other software
   * fixed (Flask's itsdangerous); crumbs' own tokens use {@link hmacSha256}. `key` is not empty.
   */
  hmacSha1(key: Uint8Array, data: Uint8Array): MaybePromise<Uint8Array>
  /** Bytes to unpadded base64url (RFC 4648 §5). */
  encodeBase64Url(bytes: Uint8Array): string
  /** Canonical unpadded base64url to bytes, or `undefined` for anything else. */
  decodeBase64Url(text: string): Uint8Array | undefined
  /** The UTF-8 bytes of `text` (lone surrogates become U+FFFD) as unpadded base64url. */
  encodeBase64UrlText(text: string): string
  /**
   * Canonical unpadded base64url to text, its bytes read as UTF-8 (invalid sequences become
   * U+FFFD), or `undefined` when `text` is not canonical base64url.
   */
  decodeBase64UrlText(text: string): string | undefined
}
