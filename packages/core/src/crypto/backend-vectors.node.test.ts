import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { cryptoBackend as nodeBackend } from './backend-node.js'
import { cryptoBackend as webBackend } from './backend-web.js'
import type { CryptoBackend } from './crypto-backend.js'
import { createKeyringWithBackend } from './keyring.js'
import { sealWithIv, unseal } from './seal.js'
import { sign, unsign } from './sign.js'

const backends = [nodeBackend, webBackend]
const hex = (text: string) => Uint8Array.from(text.match(/../g) ?? [], (pair) => parseInt(pair, 16))
const toHex = (bytes: Uint8Array) =>
  Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')
const utf8 = (text: string) => new TextEncoder().encode(text)

// RFC 4231 §4.2 and §4.3.
const HMAC_VECTORS = [
  {
    name: 'RFC 4231 test case 1',
    key: hex('0b'.repeat(20)),
    data: 'Hi There',
    mac: 'b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7',
  },
  {
    name: 'RFC 4231 test case 2',
    key: utf8('Jefe'),
    data: 'what do ya want for nothing?',
    mac: '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
  },
  {
    name: 'RFC 4231 test case 6 (a key longer than a block)',
    key: hex('aa'.repeat(131)),
    data: 'Test Using Larger Than Block-Size Key - Hash Key First',
    mac: '60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54',
  },
  {
    name: 'RFC 4231 test case 7 (a key and data longer than a block)',
    key: hex('aa'.repeat(131)),
    data: 'This is a test using a larger than block-size key and a larger than block-size data. The key needs to be hashed before being used by the HMAC algorithm.',
    mac: '9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2',
  },
]

// RFC 2202 §3.
const HMAC_SHA1_VECTORS = [
  {
    name: 'RFC 2202 test case 1',
    key: hex('0b'.repeat(20)),
    data: 'Hi There',
    mac: 'b617318655057264e28bc0b6fb378c8ef146be00',
  },
  {
    name: 'RFC 2202 test case 2',
    key: utf8('Jefe'),
    data: 'what do ya want for nothing?',
    mac: 'effcdf6ae5eb2fa2d27416d5f184df9c259a7c79',
  },
  {
    name: 'RFC 2202 test case 7 (a key and data longer than a block)',
    key: hex('aa'.repeat(80)),
    data: 'Test Using Larger Than Block-Size Key and Larger Than One Block-Size Data',
    mac: 'e8e99d0f45237d786d6bbaa7965c7808bbff1a91',
  },
]

// RFC 5869 appendix A.1 and A.3.
const HKDF_VECTORS = [
  {
    name: 'RFC 5869 test case 1',
    ikm: hex('0b'.repeat(22)),
    salt: hex('000102030405060708090a0b0c'),
    info: hex('f0f1f2f3f4f5f6f7f8f9'),
    okm: '3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865',
  },
  {
    name: 'RFC 5869 test case 3',
    ikm: hex('0b'.repeat(22)),
    salt: new Uint8Array(0),
    info: new Uint8Array(0),
    okm: '8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8',
  },
]

// The GCM specification's test cases 14 and 16 (AES-256), as in NIST's validation vectors.
const GCM_VECTORS = [
  {
    name: 'GCM test case 14',
    key: hex('00'.repeat(32)),
    iv: hex('00'.repeat(12)),
    plaintext: hex('00'.repeat(16)),
    aad: new Uint8Array(0),
    sealed: 'cea7403d4d606b6e074ec5d3baf39d18' + 'd0d1c8a799996bf0265b98b5d48ab919',
  },
  {
    name: 'GCM test case 16',
    key: hex('feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308'),
    iv: hex('cafebabefacedbaddecaf888'),
    plaintext: hex(
      'd9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72' +
        '1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39',
    ),
    aad: hex('feedfacedeadbeeffeedfacedeadbeefabaddad2'),
    sealed:
      '522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa' +
      '8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662' +
      '76fc6ece0f4e1768cddf8853bb2d551b',
  },
]

// crumbs' own formats, computed once from the documented layouts with plain node:crypto calls.
const SECRET = 'crumbs-known-answer-secret-0123456789'
const SALT = utf8('crumbs/hkdf-salt/v1')
const SIGNED = 'john.yX3AIRXtFqWVgUOSbTE1ocDLHw1nOwH4gddetjquhjs'
const SEALED = 'v1.AAECAwQFBgcICQoLzpF0yEbz_DqFIjcTq9YVWYnmCKzaDl9g_xReGZOga5pStXIpXLfF2icnRw'
const SEAL_IV = hex('000102030405060708090a0b')
const SEAL_OPTIONS = {
  name: '__Host-sid',
  purpose: 'session',
  expires: new Date(Date.UTC(2030, 0, 1)),
}

const b64 = (hexText: string) => nodeBackend.encodeBase64Url(hex(hexText))
// The last character of a 32-byte base64url text with one of its 2 spare bits set.
const spare = (hexText: string) => {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
  return alphabet[alphabet.indexOf(b64(hexText).slice(-1)) | 1]!
}

const resolve = async <T>(value: T | Promise<T>) => await value

describe.each(backends)('$name backend', (backend: CryptoBackend) => {
  it.each(HMAC_VECTORS)('computes the HMAC-SHA-256 of $name', async ({ key, data, mac }) => {
    const imported = await backend.importHmacKey(key)
    const computed = await resolve(backend.hmacSha256(imported, data))
    expect(toHex(backend.decodeBase64Url(computed) ?? new Uint8Array())).toBe(mac)
    expect(await resolve(backend.hmacVerify(imported, data, computed))).toBe(true)
  })

  it.each(HMAC_SHA1_VECTORS)('computes the HMAC-SHA-1 of $name', async ({ key, data, mac }) => {
    expect(toHex(await resolve(backend.hmacSha1(key, utf8(data))))).toBe(mac)
  })

  it.each([
    // FIPS 180-2 appendix B, the empty message, and UTF-8 text (digest from Python's hashlib).
    ['abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
    ['', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    [
      'abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq',
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    ],
    ['é😀', '1184d1f608158eea09d297565575892231550c403aaa913008d867a97cfd5c76'],
  ])('computes the SHA-256 of %j', async (data, digest) => {
    const computed = await resolve(backend.sha256(data))
    expect(toHex(backend.decodeBase64Url(computed) ?? new Uint8Array())).toBe(digest)
  })

  it.each<[string, (mac: string) => string]>([
    ['one bit flipped', (mac) => backend.encodeBase64Url(hex(mac).map((b, i) => (i ? b : b ^ 1)))],
    ['one byte missing', (mac) => backend.encodeBase64Url(hex(mac).subarray(1))],
    ['spare bits set in the last character', (mac) => `${b64(mac).slice(0, -1)}${spare(mac)}`],
    ['a non-ASCII character', (mac) => `${b64(mac).slice(0, -1)}\u0100`],
    ['nothing', () => ''],
  ])('refuses a MAC with %s', async (_, tamper) => {
    const { key, data, mac } = HMAC_VECTORS[0]!
    const imported = await backend.importHmacKey(key)
    expect(await resolve(backend.hmacVerify(imported, data, tamper(mac)))).toBe(false)
  })

  it.each(HKDF_VECTORS)('derives the output keying material of $name', async (vector) => {
    const okm = await resolve(backend.hkdf(vector.ikm, vector.salt, vector.info, 42))
    expect(toHex(okm)).toBe(vector.okm)
  })

  it('derives the documented crumbs keys from a secret', async () => {
    const derive = (info: string) => resolve(backend.hkdf(utf8(SECRET), SALT, utf8(info), 32))
    expect(toHex(await derive('crumbs/v1/cookie/hmac-sha256'))).toBe(
      '44c151ae2d221a679b0c49aff6903119ffc48a00f9a43afb52fe01e9c63a26b7',
    )
    expect(toHex(await derive('crumbs/v1/session/aes-256-gcm'))).toBe(
      '830830d216af9d25a8641fd008a18d789ea20ff05cfa5d99e98e0878ab8683a6',
    )
  })

  it.each(GCM_VECTORS)('seals and opens $name', async ({ key, iv, plaintext, aad, sealed }) => {
    const imported = await backend.importAesKey(key)
    expect(toHex(await resolve(backend.aesGcmSeal(imported, iv, plaintext, aad)))).toBe(sealed)
    expect(await resolve(backend.aesGcmOpen(imported, iv, hex(sealed), aad))).toEqual(plaintext)
  })

  it('opens nothing when the tag, the AAD or the length is wrong', async () => {
    const { key, iv, aad, sealed } = GCM_VECTORS[1]!
    const imported = await backend.importAesKey(key)
    const tampered = hex(sealed)
    tampered[tampered.length - 1]! ^= 0x80
    const open = (bytes: Uint8Array, data: Uint8Array) =>
      resolve(backend.aesGcmOpen(imported, iv, bytes, data))
    expect(await open(tampered, aad)).toBeUndefined()
    expect(await open(hex(sealed), aad.subarray(1))).toBeUndefined()
    expect(await open(hex(sealed).subarray(0, 15), aad)).toBeUndefined()
  })

  it('draws distinct random bytes of the asked length', () => {
    const drawn = Array.from({ length: 50 }, () => toHex(backend.randomBytes(12)))
    expect(drawn.every((bytes) => bytes.length === 24)).toBe(true)
    expect(new Set(drawn).size).toBe(50)
  })

  it('signs the committed crumbs token', async () => {
    const keys = createKeyringWithBackend(backend, SECRET)
    expect(await sign('john', { keys, name: 'username' })).toBe(SIGNED)
  })

  it('seals the committed crumbs token with a fixed IV', async () => {
    const keys = createKeyringWithBackend(backend, SECRET)
    const token = await sealWithIv('{"username":"john"}', { keys, ...SEAL_OPTIONS }, SEAL_IV)
    expect(token).toBe(SEALED)
    const opened = await unseal(token, {
      keys,
      ...SEAL_OPTIONS,
      now: new Date(Date.UTC(2029, 0, 1)),
    })
    expect(opened).toMatchObject({ valid: true, value: '{"username":"john"}' })
  })
})

describe('node and web backends', () => {
  it('agree on base64url for any bytes and any text', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), fc.string(), (bytes, text) => {
        const encoded = nodeBackend.encodeBase64Url(bytes)
        expect(webBackend.encodeBase64Url(bytes)).toBe(encoded)
        expect(webBackend.decodeBase64Url(encoded)).toEqual(nodeBackend.decodeBase64Url(encoded))
        expect(webBackend.decodeBase64Url(text)).toEqual(nodeBackend.decodeBase64Url(text))
        const textEncoded = nodeBackend.encodeBase64UrlText(text)
        expect(webBackend.encodeBase64UrlText(text)).toBe(textEncoded)
        expect(webBackend.decodeBase64UrlText(textEncoded)).toBe(
          nodeBackend.decodeBase64UrlText(textEncoded),
        )
        const binary = nodeBackend.encodeBase64Url(bytes)
        expect(webBackend.decodeBase64UrlText(binary)).toBe(nodeBackend.decodeBase64UrlText(binary))
        expect(webBackend.decodeBase64UrlText(text)).toBe(nodeBackend.decodeBase64UrlText(text))
      }),
    )
  })

  it('agree on HMAC-SHA-1 for any key and data', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ minLength: 1, maxLength: 100 }),
        fc.uint8Array({ maxLength: 300 }),
        async (key, data) => {
          const macs = await Promise.all(backends.map((b) => resolve(b.hmacSha1(key, data))))
          expect(macs[1]).toEqual(macs[0])
        },
      ),
      { numRuns: 100 },
    )
  })

  it('agree on HMAC, SHA-256, HKDF and AES-GCM for any inputs', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ minLength: 32, maxLength: 64 }),
        fc.string({ unit: 'grapheme' }),
        fc.uint8Array({ minLength: 12, maxLength: 12 }),
        fc.uint8Array({ maxLength: 100 }),
        async (secret, text, iv, aad) => {
          const [nodeKey, webKey] = await Promise.all(
            backends.map((b) => resolve(b.hkdf(secret, aad, utf8(text), 32))),
          )
          expect(webKey).toEqual(nodeKey)
          const hmacKeys = await Promise.all(backends.map((b) => b.importHmacKey(nodeKey!)))
          const macs = await Promise.all(
            backends.map((b, i) => resolve(b.hmacSha256(hmacKeys[i]!, text))),
          )
          expect(macs[1]).toBe(macs[0])
          const digests = await Promise.all(backends.map((b) => resolve(b.sha256(text))))
          expect(digests[1]).toBe(digests[0])
          const aesKeys = await Promise.all(backends.map((b) => b.importAesKey(nodeKey!)))
          const sealed = await Promise.all(
            backends.map((b, i) => resolve(b.aesGcmSeal(aesKeys[i]!, iv, utf8(text), aad))),
          )
          expect(sealed[1]).toEqual(sealed[0])
        },
      ),
      { numRuns: 50 },
    )
  })

  it('verify and open what the other one signed and sealed', async () => {
    const keys = backends.map((b) => createKeyringWithBackend(b, [SECRET, `${SECRET}-older`]))
    const older = backends.map((b) => createKeyringWithBackend(b, `${SECRET}-older`))
    for (const [from, to] of [
      [0, 1],
      [1, 0],
    ] as const) {
      const options = (i: number) => ({ keys: keys[i]!, name: 'sid' })
      const signed = await sign('john', options(from))
      expect(await unsign(signed, options(to))).toMatchObject({ valid: true, value: 'john' })
      const sealed = await sealWithIv('john', options(from), undefined)
      expect(await unseal(sealed, options(to))).toMatchObject({ valid: true, value: 'john' })
      const rotated = await sign('jane', { keys: older[from]!, name: 'sid' })
      expect(await unsign(rotated, options(to))).toMatchObject({ keyIndex: 1, rotated: true })
    }
  })
})
