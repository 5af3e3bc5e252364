import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createKeyring, type Keyring } from './keyring.js'
import { type SignOptions, sign, unsign } from './sign.js'

const SECRET = 'sign-test-secret-0123456789-abcdefgh'
const OLD_SECRET = 'sign-test-old-secret-9876543210-zyxw'
const OTHER_SECRET = 'sign-test-other-secret-5555555555-qq'

const TOKEN = /^(.*)\.([A-Za-z0-9_-]{43})$/s

/** Every token that differs from `token` in exactly one bit of one UTF-16 code unit. */
function* bitFlips(token: string): Generator<string> {
  for (let i = 0; i < token.length; i++) {
    for (let bit = 0; bit < 16; bit++) {
      const flipped = String.fromCharCode(token.charCodeAt(i) ^ (1 << bit))
      yield token.slice(0, i) + flipped + token.slice(i + 1)
    }
  }
}

const options = (keys: Keyring, rest: Partial<SignOptions> = {}): SignOptions => ({
  keys,
  name: 'username',
  ...rest,
})

describe('sign', () => {
  it('appends a dot and a 43-character base64url MAC to the value', async () => {
    const token = await sign('john', options(createKeyring(SECRET)))
    expect(token).toMatch(TOKEN)
    expect(token.startsWith('john.')).toBe(true)
  })

  it('gives the same token for the same value, name, purpose and secret', async () => {
    const keys = createKeyring(SECRET)
    expect(await sign('john', options(keys))).toBe(
      await sign('john', options(createKeyring(SECRET))),
    )
  })

  it('signs with the first secret of the keyring', async () => {
    const newest = await sign('john', options(createKeyring(SECRET)))
    expect(await sign('john', options(createKeyring([SECRET, OLD_SECRET])))).toBe(newest)
  })

  it.each<[string, Partial<SignOptions>]>([
    ['name', { name: 'other' }],
    ['purpose', { purpose: 'csrf' }],
    ['secret', { keys: createKeyring(OTHER_SECRET) }],
  ])('gives another MAC for another %s', async (_, change) => {
    const keys = createKeyring(SECRET)
    expect(await sign('john', options(keys, change))).not.toBe(await sign('john', options(keys)))
  })

  it.each<[string, unknown]>([
    ['missing options', undefined],
    ['a secret in place of a keyring', { keys: SECRET, name: 'n' }],
    ['a keyring-shaped object', { keys: { size: 1 }, name: 'n' }],
    ['an empty name', { keys: createKeyring(SECRET), name: '' }],
    ['a name that is not a string', { keys: createKeyring(SECRET), name: 7 }],
    ['an empty purpose', { keys: createKeyring(SECRET), name: 'n', purpose: '' }],
    ['a purpose that is not a string', { keys: createKeyring(SECRET), name: 'n', purpose: 1 }],
  ])('rejects with INVALID_OPTION for %s', async (_, bad) => {
    await expect(sign('john', bad as SignOptions)).rejects.toMatchObject({ code: 'INVALID_OPTION' })
    await expect(unsign('john', bad as SignOptions)).rejects.toMatchObject({
      code: 'INVALID_OPTION',
    })
  })

  it.each([
    ['a lone high surrogate', 'a\uD800'],
    ['a lone low surrogate', '\uDC00b'],
  ])('rejects with INVALID_OPTION for a value holding %s', async (_, value) => {
    const keys = createKeyring(SECRET)
    await expect(sign(value, options(keys))).rejects.toMatchObject({ code: 'INVALID_OPTION' })
  })
})

describe('unsign', () => {
  it.each([
    ['an empty value', ''],
    ['a plain value', 'john'],
    ['a value with dots', 'a.b.c.'],
    ['a value with cookie separators', 'a=b; c, d "e"'],
    ['Unicode', 'ünïcødé 😀 日本'],
    ['a long value', 'x'.repeat(4000)],
  ])('returns the value of a token signed from %s', async (_, value) => {
    const keys = createKeyring(SECRET)
    const result = await unsign(await sign(value, options(keys)), options(keys))
    expect(result).toEqual({ valid: true, value, keyIndex: 0, rotated: false })
  })

  it('accepts a token signed by an older secret and reports the rotation', async () => {
    const token = await sign('john', options(createKeyring(OLD_SECRET)))
    const result = await unsign(token, options(createKeyring([SECRET, OLD_SECRET])))
    expect(result).toEqual({ valid: true, value: 'john', keyIndex: 1, rotated: true })
  })

  it('reports the index of the secret that matched among several', async () => {
    const keys = createKeyring([SECRET, OLD_SECRET, OTHER_SECRET])
    const token = await sign('john', options(createKeyring(OTHER_SECRET)))
    expect(await unsign(token, options(keys))).toMatchObject({ keyIndex: 2, rotated: true })
  })

  it.each<[string, (token: string) => string, string]>([
    ['an empty token', () => '', 'malformed'],
    ['garbage', () => 'not a signed token at all', 'malformed'],
    ['a value without MAC', () => 'john', 'malformed'],
    ['a token missing its last character', (t) => t.slice(0, -1), 'malformed'],
    ['a token with a character appended', (t) => `${t}A`, 'malformed'],
    [
      'a MAC with a character outside base64url',
      (t) => `${t.slice(0, -2)}+${t.slice(-1)}`,
      'malformed',
    ],
    ['a MAC with spare bits set', (t) => `${t.slice(0, -1)}B`, 'malformed'],
    ['a tampered value', (t) => `jane${t.slice(4)}`, 'mismatch'],
    ['a value missing its first character', (t) => t.slice(1), 'mismatch'],
    [
      'a tampered MAC',
      (t) => `${t.slice(0, 6)}${t[6] === 'A' ? 'B' : 'A'}${t.slice(7)}`,
      'mismatch',
    ],
    ['the MAC of another value', (t) => `jane.${t.slice(5)}`, 'mismatch'],
  ])('returns %s as invalid', async (_, tamper, reason) => {
    const keys = createKeyring(SECRET)
    const token = await sign('john', options(keys))
    expect(token.slice(-1)).toMatch(/[AEIMQUYcgkosw048]/)
    expect(await unsign(tamper(token), options(keys))).toEqual({ valid: false, reason })
  })

  it('returns mismatch for a token signed by a secret the keyring lacks', async () => {
    const token = await sign('john', options(createKeyring(OTHER_SECRET)))
    const result = await unsign(token, options(createKeyring([SECRET, OLD_SECRET])))
    expect(result).toEqual({ valid: false, reason: 'mismatch' })
  })

  it('returns mismatch for a token signed for another cookie name', async () => {
    const keys = createKeyring(SECRET)
    const token = await sign('john', { keys, name: 'username' })
    expect(await unsign(token, { keys, name: 'admin' })).toEqual({
      valid: false,
      reason: 'mismatch',
    })
  })

  it('returns mismatch when characters move between name and value', async () => {
    const keys = createKeyring(SECRET)
    const token = await sign('bc', { keys, name: 'a' })
    const moved = `c${token.slice(2)}`
    expect(await unsign(moved, { keys, name: 'ab' })).toEqual({ valid: false, reason: 'mismatch' })
  })

  it('returns mismatch for a token signed for another purpose', async () => {
    const keys = createKeyring(SECRET)
    const token = await sign('john', options(keys, { purpose: 'csrf' }))
    expect(await unsign(token, options(keys))).toEqual({ valid: false, reason: 'mismatch' })
  })

  it('returns malformed for a token that is not a string', async () => {
    const keys = createKeyring(SECRET)
    for (const token of [undefined, null, 42, {}]) {
      expect(await unsign(token as string, options(keys))).toEqual({
        valid: false,
        reason: 'malformed',
      })
    }
  })

  it('returns malformed for a value holding a lone surrogate', async () => {
    const keys = createKeyring(SECRET)
    const token = await sign('\uFFFD', options(keys))
    // U+FFFD is what UTF-8 encoding makes of a lone surrogate: the MAC would match without the check.
    const swapped = `\uD800${token.slice(1)}`
    expect(await unsign(swapped, options(keys))).toEqual({ valid: false, reason: 'malformed' })
  })

  it('returns the value signed for any value and name', async () => {
    const keys = createKeyring([SECRET, OLD_SECRET])
    await fc.assert(
      fc.asyncProperty(
        fc.string({ unit: 'grapheme' }),
        fc.string({ minLength: 1 }),
        async (value, name) => {
          const result = await unsign(await sign(value, { keys, name }), { keys, name })
          expect(result).toEqual({ valid: true, value, keyIndex: 0, rotated: false })
        },
      ),
    )
  })

  it('rejects every single-bit flip of a signed token', async () => {
    const keys = createKeyring(SECRET)
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'grapheme', maxLength: 12 }), async (value) => {
        const token = await sign(value, options(keys))
        const results = await Promise.all([...bitFlips(token)].map((t) => unsign(t, options(keys))))
        expect(results.length).toBe(token.length * 16)
        for (const result of results) expect(result.valid).toBe(false)
      }),
      { numRuns: 25 },
    )
  })
})
