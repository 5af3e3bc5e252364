import { describe, expect, it, vi } from 'vitest'
import { cryptoBackend } from '#crypto-backend'
import { codeOf } from '../../test/code-of.js'
import { isCrumbsError } from '../errors.js'
import type { CryptoBackend } from './crypto-backend.js'
import {
  createKeyring,
  createKeyringWithBackend,
  type KeyringSecret,
  resolveKeyring,
} from './keyring.js'
import { seal } from './seal.js'
import { sign, unsign } from './sign.js'

const SECRET = 'keyring-test-secret-0123456789-abcdef'
const OLD_SECRET = 'keyring-test-old-secret-9876543210-zyx'

/** The platform backend, recording each HKDF info and each key import. */
function recordingBackend(): { backend: CryptoBackend; infos: string[]; imports: string[] } {
  const infos: string[] = []
  const imports: string[] = []
  const backend: CryptoBackend = {
    ...cryptoBackend,
    hkdf(ikm, salt, info, length) {
      infos.push(new TextDecoder().decode(info))
      return cryptoBackend.hkdf(ikm, salt, info, length)
    },
    importHmacKey(raw) {
      imports.push('hmac')
      return cryptoBackend.importHmacKey(raw)
    },
    importAesKey(raw) {
      imports.push('aes')
      return cryptoBackend.importAesKey(raw)
    },
  }
  return { backend, infos, imports }
}

describe('createKeyring', () => {
  it.each<[string, unknown]>([
    ['undefined', undefined],
    ['null', null],
    ['an empty string', ''],
    ['an empty list', []],
    ['empty bytes', new Uint8Array(0)],
    ['an empty string in a list', [SECRET, '']],
    ['an undefined fallback', [SECRET, undefined]],
  ])('throws SECRET_MISSING for %s', (_, secrets) => {
    expect(codeOf(() => createKeyring(secrets as KeyringSecret))).toBe('SECRET_MISSING')
  })

  it.each<[string, unknown]>([
    ['a number', 42],
    ['an object', { secret: SECRET }],
    ['a boolean', true],
    ['16-bit code units', new Uint16Array(32)],
    ['a number in a list', [SECRET, 42]],
  ])('throws INVALID_OPTION for %s', (_, secrets) => {
    expect(codeOf(() => createKeyring(secrets as KeyringSecret))).toBe('INVALID_OPTION')
  })

  it.each<[string, KeyringSecret | KeyringSecret[]]>([
    ['31 ASCII characters', 'x'.repeat(31)],
    ['31 bytes of two-byte characters and ASCII', `${'é'.repeat(15)}a`],
    ['31 bytes of emoji and ASCII', `${'😀'.repeat(7)}abc`],
    ['31 raw bytes', new Uint8Array(31)],
    ['a short fallback', [SECRET, 'x'.repeat(31)]],
  ])('throws SECRET_TOO_SHORT for %s', (_, secrets) => {
    expect(codeOf(() => createKeyring(secrets))).toBe('SECRET_TOO_SHORT')
  })

  it.each<[string, KeyringSecret]>([
    ['32 ASCII characters', 'k3J9x-Qm2Lp7Zr5Tb8Wv1Nc4Hd6Fg0Ys'],
    ['16 two-byte characters (32 bytes)', 'àáâãäåæçèéêëìíîï'],
    ['11 three-byte characters (33 bytes)', '春夏秋冬東西南北上下左'],
    ['8 emoji (32 bytes)', '😀😁😂😃😄😅😆😇'],
    ['32 raw bytes', Uint8Array.from({ length: 32 }, (_, i) => i * 7)],
  ])('accepts %s', (_, secret) => {
    expect(createKeyring(secret).size).toBe(1)
  })

  it.each<[string, KeyringSecret | KeyringSecret[]]>([
    ["'a' × 32", 'a'.repeat(32)],
    ["'abcd' × 8", 'abcd'.repeat(8)],
    ["'password' × 4", 'password'.repeat(4)],
    ["'0' × 64", '0'.repeat(64)],
    ['32 zero bytes', new Uint8Array(32)],
    ['32 bytes of 7', new Uint8Array(32).fill(7)],
    ['a weak fallback', [SECRET, 'x'.repeat(32)]],
  ])('throws SECRET_WEAK for %s', (_, secrets) => {
    expect(codeOf(() => createKeyring(secrets))).toBe('SECRET_WEAK')
  })

  it('names the weak secret of a list by its index', () => {
    let details: unknown
    try {
      createKeyring([SECRET, OLD_SECRET, 'abcd'.repeat(8)])
    } catch (error) {
      details = isCrumbsError(error, 'SECRET_WEAK') ? error.details : error
    }
    expect(details).toMatchObject({ index: 2 })
  })

  it('reports the byte count, the minimum and the index of a short secret', () => {
    let details: unknown
    try {
      createKeyring([SECRET, 'é'.repeat(15)])
    } catch (error) {
      details = isCrumbsError(error, 'SECRET_TOO_SHORT') ? error.details : error
    }
    expect(details).toEqual({ index: 1, bytes: 30, minBytes: 32 })
  })

  it('binds node:crypto on node and Web Crypto in the edge runtime', () => {
    const edge = typeof (globalThis as { EdgeRuntime?: unknown }).EdgeRuntime === 'string'
    expect(resolveKeyring(createKeyring(SECRET)).backend.name).toBe(edge ? 'web' : 'node')
  })

  it('counts the secrets it holds', () => {
    expect(createKeyring(SECRET).size).toBe(1)
    expect(createKeyring([SECRET, OLD_SECRET]).size).toBe(2)
  })

  it('keeps the secrets out of JSON, string conversion and enumerable keys', () => {
    const keys = createKeyring([SECRET, OLD_SECRET])
    const shown = [JSON.stringify(keys), String(keys), Object.keys(keys).join(',')].join(' ')
    expect(shown).not.toContain(SECRET)
    expect(shown).not.toContain(OLD_SECRET)
  })

  it('copies secret bytes, so later writes to the caller buffer change nothing', async () => {
    const original = Uint8Array.from({ length: 32 }, (_, i) => i * 7)
    const bytes = original.slice()
    const keys = createKeyring(bytes)
    bytes.reverse()
    const expected = await sign('john', { keys: createKeyring(original), name: 'n' })
    expect(await sign('john', { keys, name: 'n' })).toBe(expected)
  })

  it('derives and imports each purpose key once per secret', async () => {
    const { backend, infos, imports } = recordingBackend()
    const keys = createKeyringWithBackend(backend, [SECRET, OLD_SECRET])
    for (let i = 0; i < 3; i++) {
      const token = await sign(`value ${i}`, { keys, name: 'n' })
      await unsign(token, { keys, name: 'n' })
    }
    expect(imports).toEqual(['hmac', 'hmac'])
    expect(infos).toEqual(['crumbs/v1/cookie/hmac-sha256', 'crumbs/v1/cookie/hmac-sha256'])
  })

  it('derives once when the first calls run concurrently', async () => {
    const { backend, imports } = recordingBackend()
    const keys = createKeyringWithBackend(backend, SECRET)
    await Promise.all(Array.from({ length: 5 }, () => sign('v', { keys, name: 'n' })))
    expect(imports).toEqual(['hmac'])
  })

  it('derives independent keys per purpose and per algorithm', async () => {
    const { backend, infos } = recordingBackend()
    const keys = createKeyringWithBackend(backend, SECRET)
    await sign('v', { keys, name: 'n' })
    await sign('v', { keys, name: 'n', purpose: 'csrf' })
    await seal('v', { keys, name: 'n' })
    expect(infos).toEqual([
      'crumbs/v1/cookie/hmac-sha256',
      'crumbs/v1/csrf/hmac-sha256',
      'crumbs/v1/cookie/aes-256-gcm',
    ])
  })

  it('derives again after a failed derivation', async () => {
    const failure = new Error('backend down')
    let failures = 1
    const backend: CryptoBackend = {
      ...cryptoBackend,
      hkdf(ikm, salt, info, length) {
        if (failures-- > 0) return Promise.reject(failure)
        return cryptoBackend.hkdf(ikm, salt, info, length)
      },
    }
    const keys = createKeyringWithBackend(backend, SECRET)
    await expect(sign('v', { keys, name: 'n' })).rejects.toBe(failure)
    const token = await sign('v', { keys, name: 'n' })
    expect(await unsign(token, { keys, name: 'n' })).toMatchObject({ valid: true, value: 'v' })
  })
})

describe('a keyring from another copy of crumbs', () => {
  /** A second, separately evaluated keyring module: the other build (ESM or CommonJS) of one install. */
  async function otherCopy(): Promise<typeof import('./keyring.js')> {
    vi.resetModules()
    return import('./keyring.js')
  }

  it('signs and seals through this copy, and verifies what this copy signed', async () => {
    const other = await otherCopy()
    const foreign = other.createKeyring(SECRET)
    expect(resolveKeyring(foreign)).toBe(foreign)
    const token = await sign('42', { keys: foreign, name: 'uid' })
    expect(await unsign(token, { keys: createKeyring(SECRET), name: 'uid' })).toMatchObject({
      valid: true,
      value: '42',
    })
    expect(typeof (await seal('v', { keys: foreign, name: 'c' }))).toBe('string')
  })

  it('still refuses an object that only looks like a keyring', () => {
    expect(codeOf(() => resolveKeyring({ size: 1 }))).toBe('INVALID_OPTION')
    expect(codeOf(() => resolveKeyring(undefined))).toBe('INVALID_OPTION')
  })
})
