import fc from 'fast-check'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { decodeBase64Url } from '../internal/base64url.js'
import { createKeyring, type Keyring } from './keyring.js'
import { type SealOptions, seal, type UnsealOptions, unseal } from './seal.js'

const SECRET = 'seal-test-secret-0123456789-abcdefgh'
const OLD_SECRET = 'seal-test-old-secret-9876543210-zyxw'
const OTHER_SECRET = 'seal-test-other-secret-5555555555-qq'

const START = Date.UTC(2030, 0, 1)
const at = (ms: number) => new Date(ms)

/** Every token that differs from `token` in exactly one bit of one UTF-16 code unit. */
function* bitFlips(token: string): Generator<string> {
  for (let i = 0; i < token.length; i++) {
    for (let bit = 0; bit < 16; bit++) {
      const flipped = String.fromCharCode(token.charCodeAt(i) ^ (1 << bit))
      yield token.slice(0, i) + flipped + token.slice(i + 1)
    }
  }
}

const options = (keys: Keyring, rest: Partial<SealOptions> = {}): SealOptions => ({
  keys,
  name: 'session',
  ...rest,
})

afterEach(() => {
  vi.useRealTimers()
})

describe('seal', () => {
  it('writes v1. and a base64url body of IV, expiry, value and tag', async () => {
    const value = 'x'.repeat(30)
    const token = await seal(value, options(createKeyring(SECRET)))
    expect(token).toMatch(/^v1\.[A-Za-z0-9_-]+$/)
    expect(decodeBase64Url(token.slice(3))?.length).toBe(12 + 8 + value.length + 16)
  })

  it('hides the value', async () => {
    const value = 'top-secret-value-0042'
    const token = await seal(value, options(createKeyring(SECRET)))
    const body = new TextDecoder().decode(decodeBase64Url(token.slice(3)))
    expect(token).not.toContain(value)
    expect(body).not.toContain(value)
  })

  it('draws a fresh IV for every token', async () => {
    const keys = createKeyring(SECRET)
    const tokens = await Promise.all(Array.from({ length: 20 }, () => seal('same', options(keys))))
    const ivs = tokens.map((token) => decodeBase64Url(token.slice(3))?.subarray(0, 12).join())
    expect(new Set(ivs).size).toBe(20)
  })

  it('seals with the first secret of the keyring', async () => {
    const token = await seal('v', options(createKeyring([SECRET, OLD_SECRET])))
    expect(await unseal(token, options(createKeyring(SECRET)))).toMatchObject({ keyIndex: 0 })
  })

  it.each<[string, unknown]>([
    ['missing options', undefined],
    ['a secret in place of a keyring', { keys: SECRET, name: 'n' }],
    ['an empty name', { keys: createKeyring(SECRET), name: '' }],
    ['an empty purpose', { keys: createKeyring(SECRET), name: 'n', purpose: '' }],
    ['a negative maxAge', { keys: createKeyring(SECRET), name: 'n', maxAge: -1 }],
    ['a NaN maxAge', { keys: createKeyring(SECRET), name: 'n', maxAge: Number.NaN }],
    ['an infinite maxAge', { keys: createKeyring(SECRET), name: 'n', maxAge: Infinity }],
    ['a maxAge past the largest Date', { keys: createKeyring(SECRET), name: 'n', maxAge: 1e300 }],
    ['a maxAge given as a string', { keys: createKeyring(SECRET), name: 'n', maxAge: '60' }],
    ['an invalid expires', { keys: createKeyring(SECRET), name: 'n', expires: new Date(NaN) }],
    ['an expires given as a string', { keys: createKeyring(SECRET), name: 'n', expires: '2030' }],
  ])('rejects with INVALID_OPTION for %s', async (_, bad) => {
    await expect(seal('v', bad as SealOptions)).rejects.toMatchObject({ code: 'INVALID_OPTION' })
  })

  it('rejects with INVALID_OPTION for a value holding a lone surrogate', async () => {
    const keys = createKeyring(SECRET)
    await expect(seal('a\uD800', options(keys))).rejects.toMatchObject({ code: 'INVALID_OPTION' })
  })
})

describe('unseal', () => {
  it.each([
    ['an empty value', ''],
    ['a plain value', 'john'],
    ['JSON', '{"username":"john","n":[1,2,3]}'],
    ['Unicode', 'ünïcødé 😀 日本'],
    ['a long value', 'x'.repeat(4000)],
  ])('returns the value of a token sealed from %s', async (_, value) => {
    const keys = createKeyring(SECRET)
    const result = await unseal(await seal(value, options(keys)), options(keys))
    expect(result).toEqual({ valid: true, value, keyIndex: 0, rotated: false })
  })

  it('opens a token sealed by an older secret and reports the rotation', async () => {
    const token = await seal('john', options(createKeyring(OLD_SECRET)))
    const result = await unseal(token, options(createKeyring([SECRET, OLD_SECRET])))
    expect(result).toEqual({ valid: true, value: 'john', keyIndex: 1, rotated: true })
  })

  it.each<[string, (token: string) => string, string]>([
    ['an empty token', () => '', 'malformed'],
    ['garbage', () => 'definitely not sealed', 'malformed'],
    ['the version alone', () => 'v1.', 'malformed'],
    ['a body too short for IV, expiry and tag', () => `v1.${'A'.repeat(47)}`, 'malformed'],
    ['another version', (t) => `v2.${t.slice(3)}`, 'malformed'],
    ['an upper-case version', (t) => `V1.${t.slice(3)}`, 'malformed'],
    ['a token without its version', (t) => t.slice(3), 'malformed'],
    [
      'a body with a character outside base64url',
      (t) => `${t.slice(0, 10)}+${t.slice(11)}`,
      'malformed',
    ],
    ['a padded body', (t) => `${t}=`, 'malformed'],
    ['a token missing its last four characters', (t) => t.slice(0, -4), 'mismatch'],
    ['a tampered IV', (t) => `v1.${t[3] === 'A' ? 'B' : 'A'}${t.slice(4)}`, 'mismatch'],
    [
      'a tampered ciphertext',
      (t) => `${t.slice(0, 25)}${t[25] === 'A' ? 'B' : 'A'}${t.slice(26)}`,
      'mismatch',
    ],
    [
      'a tampered tag',
      (t) => `${t.slice(0, -3)}${t.at(-3) === 'A' ? 'B' : 'A'}${t.slice(-2)}`,
      'mismatch',
    ],
  ])('returns %s as invalid', async (_, tamper, reason) => {
    const keys = createKeyring(SECRET)
    // 18 bytes of value make a 54-byte body: 72 characters, no partial group at the end.
    const token = await seal('{"username":"joe"}', options(keys))
    expect(token.length).toBe(3 + 72)
    expect(await unseal(tamper(token), options(keys))).toEqual({ valid: false, reason })
  })

  it('rejects every truncation of a token', async () => {
    const keys = createKeyring(SECRET)
    const token = await seal('john', options(keys))
    for (let length = 0; length < token.length; length++) {
      const result = await unseal(token.slice(0, length), options(keys))
      expect(result.valid).toBe(false)
    }
  })

  it.each<[string, Partial<UnsealOptions>]>([
    ['a secret the keyring lacks', { keys: createKeyring([OTHER_SECRET, OLD_SECRET]) }],
    ['another cookie name', { name: 'other' }],
    ['another purpose', { purpose: 'csrf' }],
  ])('returns mismatch for a token opened with %s', async (_, change) => {
    const keys = createKeyring(SECRET)
    const token = await seal('john', options(keys))
    const result = await unseal(token, { ...options(keys), ...change })
    expect(result).toEqual({ valid: false, reason: 'mismatch' })
  })

  it('returns malformed for a token that is not a string', async () => {
    const keys = createKeyring(SECRET)
    for (const token of [undefined, null, 42, {}]) {
      expect(await unseal(token as string, options(keys))).toEqual({
        valid: false,
        reason: 'malformed',
      })
    }
  })

  it('expires a maxAge token when maxAge seconds have passed', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: START })
    const keys = createKeyring(SECRET)
    const token = await seal('john', options(keys, { maxAge: 60 }))
    const early = await unseal(token, { ...options(keys), now: at(START + 59_999) })
    const due = await unseal(token, { ...options(keys), now: at(START + 60_000) })
    expect(early).toMatchObject({ valid: true, value: 'john' })
    expect(due).toEqual({ valid: false, reason: 'expired' })
  })

  it('checks expiry against the current time when now is absent', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: START })
    const keys = createKeyring(SECRET)
    const token = await seal('john', options(keys, { maxAge: 60 }))
    expect(await unseal(token, options(keys))).toMatchObject({ valid: true })
    vi.setSystemTime(START + 60_000)
    expect(await unseal(token, options(keys))).toEqual({ valid: false, reason: 'expired' })
  })

  it('expires an expires token at its date', async () => {
    const keys = createKeyring(SECRET)
    const token = await seal('john', options(keys, { expires: at(START) }))
    expect(await unseal(token, { ...options(keys), now: at(START - 1) })).toMatchObject({
      valid: true,
    })
    expect(await unseal(token, { ...options(keys), now: at(START) })).toEqual({
      valid: false,
      reason: 'expired',
    })
  })

  it.each([
    ['maxAge', { maxAge: 60, expires: at(START + 120_000) }],
    ['expires', { maxAge: 120, expires: at(START + 60_000) }],
  ])('applies the earlier of maxAge and expires (%s)', async (_, expiry) => {
    vi.useFakeTimers({ toFake: ['Date'], now: START })
    const keys = createKeyring(SECRET)
    const token = await seal('john', options(keys, expiry))
    const result = await unseal(token, { ...options(keys), now: at(START + 60_000) })
    expect(result).toEqual({ valid: false, reason: 'expired' })
  })

  it('never expires a token sealed with maxAge 0', async () => {
    const keys = createKeyring(SECRET)
    const token = await seal('john', options(keys, { maxAge: 0 }))
    const result = await unseal(token, { ...options(keys), now: at(Date.UTC(2200, 0, 1)) })
    expect(result).toMatchObject({ valid: true, value: 'john' })
  })

  it('expires a token whose expires is at or before the epoch', async () => {
    const keys = createKeyring(SECRET)
    for (const expires of [at(0), at(-1)]) {
      const token = await seal('john', options(keys, { expires }))
      expect(await unseal(token, options(keys))).toEqual({ valid: false, reason: 'expired' })
    }
  })

  it('authenticates before it reports expiry', async () => {
    const token = await seal('john', options(createKeyring(SECRET), { expires: at(1000) }))
    const result = await unseal(token, options(createKeyring(OTHER_SECRET)))
    expect(result).toEqual({ valid: false, reason: 'mismatch' })
  })

  it.each<[string, unknown]>([
    ['an invalid Date', new Date(NaN)],
    ['a number', START],
  ])('rejects with INVALID_OPTION for now as %s', async (_, now) => {
    const keys = createKeyring(SECRET)
    const token = await seal('john', options(keys))
    await expect(unseal(token, { ...options(keys), now: now as Date })).rejects.toMatchObject({
      code: 'INVALID_OPTION',
    })
  })

  it('returns the value sealed for any value and name', async () => {
    const keys = createKeyring([SECRET, OLD_SECRET])
    await fc.assert(
      fc.asyncProperty(
        fc.string({ unit: 'grapheme' }),
        fc.string({ minLength: 1 }),
        async (value, name) => {
          const result = await unseal(await seal(value, { keys, name }), { keys, name })
          expect(result).toEqual({ valid: true, value, keyIndex: 0, rotated: false })
        },
      ),
    )
  })

  it('rejects every single-bit flip of a sealed token', async () => {
    const keys = createKeyring(SECRET)
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'grapheme', maxLength: 12 }), async (value) => {
        const token = await seal(value, options(keys, { maxAge: 3600 }))
        const results = await Promise.all([...bitFlips(token)].map((t) => unseal(t, options(keys))))
        expect(results.length).toBe(token.length * 16)
        for (const result of results) expect(result.valid).toBe(false)
      }),
      { numRuns: 20 },
    )
  })
})
