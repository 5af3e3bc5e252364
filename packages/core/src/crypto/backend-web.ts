import { decodeBase64Url, encodeBase64Url } from '../internal/base64url.js'
import { encodeUtf8 } from '../internal/encode-utf8.js'
import type { AesKey, CryptoBackend, HmacKey } from './crypto-backend.js'

const TAG_BITS = 128
const HMAC = { name: 'HMAC', hash: 'SHA-256' } as const
const HMAC_SHA1 = { name: 'HMAC', hash: 'SHA-1' } as const
const utf8 = /* @__PURE__ */ new TextDecoder()

// Web Crypto's types want ArrayBuffer-backed views; every view handed in here is one.
const source = (bytes: Uint8Array) => bytes as Uint8Array<ArrayBuffer>
const cryptoKey = (key: HmacKey | AesKey) => key as unknown as CryptoKey

// The Web Crypto spec has AES-GCM `decrypt` reject with an OperationError when the tag fails.
const isOperationError = (error: unknown) =>
  typeof error === 'object' &&
  error !== null &&
  (error as { name?: unknown }).name === 'OperationError'

/** The crypto backend on Web Crypto (`crypto.subtle`), bound by the default build. */
export const cryptoBackend: CryptoBackend = {
  name: 'web',

  async hkdf(ikm, salt, info, length) {
    const base = await crypto.subtle.importKey('raw', source(ikm), 'HKDF', false, ['deriveBits'])
    const params = { name: 'HKDF', hash: 'SHA-256', salt: source(salt), info: source(info) }
    return new Uint8Array(await crypto.subtle.deriveBits(params, base, length * 8))
  },

  async importHmacKey(raw) {
    const key = await crypto.subtle.importKey('raw', source(raw), HMAC, false, ['sign', 'verify'])
    return key as unknown as HmacKey
  },

  async importAesKey(raw) {
    const usages: KeyUsage[] = ['encrypt', 'decrypt']
    const key = await crypto.subtle.importKey('raw', source(raw), 'AES-GCM', false, usages)
    return key as unknown as AesKey
  },

  async sha256(data) {
    return encodeBase64Url(new Uint8Array(await crypto.subtle.digest('SHA-256', encodeUtf8(data))))
  },

  async hmacSha256(key, data) {
    const mac = await crypto.subtle.sign('HMAC', cryptoKey(key), encodeUtf8(data))
    return encodeBase64Url(new Uint8Array(mac))
  },

  async hmacVerify(key, data, mac) {
    // Canonical decoding is one-to-one, so this matches only the exact text hmacSha256 gives;
    // subtle.verify compares in constant time.
    const bytes = decodeBase64Url(mac)
    if (bytes === undefined) return false
    return crypto.subtle.verify('HMAC', cryptoKey(key), source(bytes), encodeUtf8(data))
  },

  async aesGcmSeal(key, iv, plaintext, aad) {
    const params = {
      name: 'AES-GCM',
      iv: source(iv),
      additionalData: source(aad),
      tagLength: TAG_BITS,
    }
    return new Uint8Array(await crypto.subtle.encrypt(params, cryptoKey(key), source(plaintext)))
  },

  async aesGcmOpen(key, iv, sealed, aad) {
    if (sealed.length < TAG_BITS / 8) return undefined
    const params = {
      name: 'AES-GCM',
      iv: source(iv),
      additionalData: source(aad),
      tagLength: TAG_BITS,
    }
    try {
      return new Uint8Array(await crypto.subtle.decrypt(params, cryptoKey(key), source(sealed)))
    } catch (error) {
      if (isOperationError(error)) return undefined
      throw error
    }
  },

  async hmacSha1(key, data) {
    const imported = await crypto.subtle.importKey('raw', source(key), HMAC_SHA1, false, ['sign'])
    return new Uint8Array(await crypto.subtle.sign('HMAC', imported, source(data)))
  },

  randomBytes(length) {
    return crypto.getRandomValues(new Uint8Array(length))
  },

  encodeBase64Url,
  decodeBase64Url,

  encodeBase64UrlText(text) {
    return encodeBase64Url(encodeUtf8(text))
  },

  decodeBase64UrlText(text) {
    const bytes = decodeBase64Url(text)
    return bytes === undefined ? undefined : utf8.decode(bytes)
  },
}
