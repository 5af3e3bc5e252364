import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { thrown } from '../../test/code-of.js'
import { encodeBase64Url } from '../internal/base64url.js'
import { GENERATE_HINT } from '../internal/generate-hint.js'
import { checkSecretStrength } from './secret-strength.js'

const hex = (bytes: Uint8Array): string =>
  Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('')

// Uniform bytes: fast-check's default bias towards small and repeated values would make weak
// secrets on purpose, which is not what a CSPRNG gives.
const randomBytes = (length: number): fc.Arbitrary<Uint8Array> =>
  fc.noBias(fc.uint8Array({ minLength: length, maxLength: length }))

const RUNS = { numRuns: 5_000 }

describe('checkSecretStrength', () => {
  it.each<[string, string | Uint8Array]>([
    ["'a' × 32", 'a'.repeat(32)],
    ["'abcd' × 8", 'abcd'.repeat(8)],
    ["'password' × 4", 'password'.repeat(4)],
    ["'0' × 64", '0'.repeat(64)],
    ["'x' × 31 then 'y'", `${'x'.repeat(31)}y`],
    ["'ab' × 16 then 'a'", `${'ab'.repeat(16)}a`],
    ["'aaaaaaaaaaaaaaaa' then 'bbbbbbbbbbbbbbbb'", `${'a'.repeat(16)}${'b'.repeat(16)}`],
    ["'é' × 16 (32 bytes)", 'é'.repeat(16)],
    ["'😀' × 8 (32 bytes)", '😀'.repeat(8)],
    ['32 zero bytes', new Uint8Array(32)],
    ['32 bytes of 7', new Uint8Array(32).fill(7)],
    ['the bytes 1, 2, 3, 4 eight times', Uint8Array.from({ length: 32 }, (_, i) => (i % 4) + 1)],
  ])('refuses %s with SECRET_WEAK', (_, secret) => {
    expect(thrown(() => checkSecretStrength(secret)).code).toBe('SECRET_WEAK')
  })

  it.each<[string, string | Uint8Array]>([
    ['an empty string', ''],
    ['31 varied bytes', 'k3J9x-Qm2Lp7Zr5Tb8Wv1Nc4Hd6Fg0'],
    ['16 bytes', new Uint8Array(16).map((_, i) => i * 7)],
  ])('refuses %s, under 32 bytes, with SECRET_TOO_SHORT first', (_, secret) => {
    expect(thrown(() => checkSecretStrength(secret)).code).toBe('SECRET_TOO_SHORT')
  })

  it('reports the index, the estimate and the minimum, and says how to generate a secret', () => {
    const error = thrown(() => checkSecretStrength('abcd'.repeat(8), { index: 2 }))
    expect(error.details).toEqual({ index: 2, estimatedBits: 8, minBits: 64 })
    expect(error.message).toContain(GENERATE_HINT)
  })

  it('gives the hint it is passed', () => {
    const hint = 'Run `secrets.token_hex(32)`.'
    expect(thrown(() => checkSecretStrength('0'.repeat(64), { hint })).message).toContain(hint)
  })

  it.each<[string, string | Uint8Array]>([
    ['32 ASCII characters, all different', 'k3J9x-Qm2Lp7Zr5Tb8Wv1Nc4Hd6Fg0Ys'],
    ['16 different two-byte characters', 'àáâãäåæçèéêëìíîï'],
    ['11 different three-byte characters', '春夏秋冬東西南北上下左'],
    ['a 128-bit hex key written twice', '3f9a0c7e51d2b864e07b9a1c5d3f2a60'.repeat(2)],
    [
      'a 256-bit base64url key written twice',
      'pZ3vFlMUSFIxV1OhPn9IouX_ykZ1TeV1fXsXEHhWehc'.repeat(2),
    ],
  ])('accepts %s', (_, secret) => {
    expect(() => checkSecretStrength(secret)).not.toThrow()
  })

  describe('never refuses a generated secret', () => {
    it('32 random bytes', () => {
      fc.assert(
        fc.property(randomBytes(32), (bytes) => checkSecretStrength(bytes)),
        RUNS,
      )
    })

    it('32 random bytes in base64url (43 characters)', () => {
      fc.assert(
        fc.property(randomBytes(32), (bytes) => checkSecretStrength(encodeBase64Url(bytes))),
        RUNS,
      )
    })

    it('32 random bytes in base64 with padding (44 characters, `openssl rand -base64 32`)', () => {
      fc.assert(
        fc.property(randomBytes(32), (bytes) =>
          checkSecretStrength(btoa(String.fromCharCode(...bytes))),
        ),
        RUNS,
      )
    })

    it('32 random bytes in hex (64 characters, `openssl rand -hex 32`)', () => {
      fc.assert(
        fc.property(randomBytes(32), (bytes) => checkSecretStrength(hex(bytes))),
        RUNS,
      )
    })

    it('16 random bytes in hex (32 characters, a 128-bit key)', () => {
      fc.assert(
        fc.property(randomBytes(16), (bytes) => checkSecretStrength(hex(bytes))),
        RUNS,
      )
    })

    it('a random UUID (36 characters)', () => {
      fc.assert(
        fc.property(fc.noBias(fc.uuid({ version: 4 })), (uuid) => checkSecretStrength(uuid)),
        RUNS,
      )
    })

    it('the secrets of crypto.getRandomValues in the same encodings', () => {
      for (let run = 0; run < 2_000; run++) {
        const bytes = crypto.getRandomValues(new Uint8Array(32))
        checkSecretStrength(bytes)
        checkSecretStrength(encodeBase64Url(bytes))
        checkSecretStrength(btoa(String.fromCharCode(...bytes)))
        checkSecretStrength(hex(bytes))
        checkSecretStrength(hex(bytes.subarray(0, 16)))
      }
    })
  })
})
