import { Buffer } from 'node:buffer'
import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createHmac,
  createSecretKey,
  hkdfSync,
  type KeyObject,
  randomFillSync,
} from 'node:crypto'
import { isBase64Url } from '../internal/base64url.js'
import { timingSafeEqual } from '../internal/timing-safe-equal.js'
import type { AesKey, CryptoBackend, HmacKey } from './crypto-backend.js'
import { NodeHmacKey } from './node-hmac.js'

const TAG_BYTES = 16

// One randomFillSync call costs about as much for 4 KiB as for the 12 bytes of an IV, so small
// draws come from a pool refilled whenever it runs dry; each byte is handed out once.
const POOL_BYTES = 4096
const pool = new Uint8Array(POOL_BYTES)
let poolOffset = POOL_BYTES

// The backend's opaque key types: a padded HMAC key, an AES KeyObject.
const hmacKey = (key: HmacKey) => key as unknown as NodeHmacKey
const keyObject = (key: AesKey) => key as unknown as KeyObject

// A Buffer over the same memory, so node APIs that want Buffers never copy.
const view = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)

// A plain Uint8Array over a Buffer's memory: both backends hand out the same type.
const plain = (bytes: Buffer) => new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength)

// Buffer's base64url codec through one reused scratch buffer for cookie-sized text, instead of a
// Buffer per call: figures in docs/architecture/measured-choices.md. Every call here is
// synchronous, so one buffer serves them all.
const textScratch = /* @__PURE__ */ Buffer.allocUnsafe(16_384)

/** The crypto backend on node:crypto, bound by the build served under the `node` condition. */
export const cryptoBackend: CryptoBackend = {
  name: 'node',

  hkdf(ikm, salt, info, length) {
    return new Uint8Array(hkdfSync('sha256', ikm, salt, info, length))
  },

  importHmacKey(raw) {
    // The key copies what it keeps, so the caller may wipe `raw` afterwards.
    return new NodeHmacKey(raw) as unknown as HmacKey
  },

  importAesKey(raw) {
    return createSecretKey(raw) as unknown as AesKey
  },

  sha256(data) {
    return createHash('sha256').update(data, 'utf8').digest('base64url')
  },

  hmacSha256(key, data) {
    return hmacKey(key).mac(data)
  },

  hmacVerify(key, data, mac) {
    return timingSafeEqual(hmacKey(key).mac(data), mac)
  },

  aesGcmSeal(key, iv, plaintext, aad) {
    const cipher = createCipheriv('aes-256-gcm', keyObject(key), iv, { authTagLength: TAG_BYTES })
    cipher.setAAD(aad)
    const head = cipher.update(plaintext)
    const tail = cipher.final()
    return plain(Buffer.concat([head, tail, cipher.getAuthTag()]))
  },

  aesGcmOpen(key, iv, sealed, aad) {
    if (sealed.length < TAG_BYTES) return undefined
    const split = sealed.length - TAG_BYTES
    const decipher = createDecipheriv('aes-256-gcm', keyObject(key), iv, {
      authTagLength: TAG_BYTES,
    })
    decipher.setAAD(aad)
    decipher.setAuthTag(sealed.subarray(split))
    const head = decipher.update(sealed.subarray(0, split))
    try {
      decipher.final()
    } catch {
      // With a fixed key, IV and tag length, final() fails only when the tag does not
      // authenticate: a wrong key, a wrong AAD or a tampered token, all answered by `undefined`.
      return undefined
    }
    return plain(head)
  },

  hmacSha1(key, data) {
    return plain(createHmac('sha1', key).update(data).digest())
  },

  randomBytes(length) {
    if (length > POOL_BYTES / 4) return randomFillSync(new Uint8Array(length))
    if (poolOffset + length > POOL_BYTES) {
      randomFillSync(pool)
      poolOffset = 0
    }
    poolOffset += length
    return pool.slice(poolOffset - length, poolOffset)
  },

  encodeBase64Url(bytes) {
    return view(bytes).toString('base64url')
  },

  decodeBase64Url(text) {
    // Buffer's decoder skips foreign characters and ignores spare bits; refuse those first.
    return isBase64Url(text) ? plain(Buffer.from(text, 'base64url')) : undefined
  },

  encodeBase64UrlText(text) {
    // A UTF-16 code unit is at most 3 UTF-8 bytes, so this bound needs no measuring.
    if (text.length * 3 > textScratch.length) {
      return Buffer.from(text, 'utf8').toString('base64url')
    }
    const length = textScratch.write(text, 0, 'utf8')
    return textScratch.toString('base64url', 0, length)
  },

  decodeBase64UrlText(text) {
    if (!isBase64Url(text)) return undefined
    // Four characters carry three bytes.
    if (text.length > (textScratch.length / 3) * 4) {
      return Buffer.from(text, 'base64url').toString('utf8')
    }
    const length = textScratch.write(text, 0, 'base64url')
    return textScratch.toString('utf8', 0, length)
  },
}
