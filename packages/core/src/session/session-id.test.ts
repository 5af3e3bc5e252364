import { afterEach, describe, expect, it, vi } from 'vitest'
import { codeOf } from '../../test/code-of.js'
import { decodeBase64Url } from '../internal/base64url.js'
import { assertSessionId, generateSessionId, isSessionId } from './session-id.js'

const DRAWS = 100_000
const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'

afterEach(() => {
  vi.restoreAllMocks()
})

describe('generateSessionId', () => {
  it('draws 43 base64url characters that decode to 32 bytes (256 bits), from the whole alphabet', () => {
    const seen = new Set<string>()
    for (let i = 0; i < 1000; i++) {
      const id = generateSessionId()
      expect(id).toMatch(/^[A-Za-z0-9_-]{43}$/)
      expect(decodeBase64Url(id)).toHaveLength(32)
      for (const char of id) seen.add(char)
    }
    expect([...seen].sort().join('')).toBe([...BASE64URL].sort().join(''))
  })

  it('takes its 32 bytes from the platform CSPRNG, crypto.getRandomValues', () => {
    const drawn: Uint8Array[] = []
    const original = crypto.getRandomValues.bind(crypto)
    vi.spyOn(crypto, 'getRandomValues').mockImplementation(
      <T extends ArrayBufferView | null>(array: T): T => {
        const filled = original(array as Uint8Array) as unknown as T
        drawn.push(new Uint8Array(filled as unknown as Uint8Array))
        return filled
      },
    )
    const id = generateSessionId()
    expect(drawn).toHaveLength(1)
    expect(drawn[0]).toHaveLength(32)
    expect(decodeBase64Url(id)).toEqual(drawn[0])
  })

  it(`draws ${DRAWS.toLocaleString('en')} ids, all distinct, each character position taking every value it can`, () => {
    const ids = new Set<string>()
    // Which characters each position took: a position stuck on a few values would mean fewer
    // random bits than the length suggests.
    const taken = Array.from({ length: 43 }, () => new Uint8Array(128))
    for (let i = 0; i < DRAWS; i++) {
      const id = generateSessionId()
      ids.add(id)
      for (let at = 0; at < 43; at++) taken[at]![id.charCodeAt(at)] = 1
    }
    expect(ids.size).toBe(DRAWS)
    const counts = taken.map((chars) => chars.reduce((sum, seen) => sum + seen, 0))
    // 32 bytes are 256 bits: 42 characters of 6 bits, then a last one holding the 4 left over.
    expect(counts).toEqual([...Array(42).fill(64), 16])
  })
})

describe('isSessionId and assertSessionId', () => {
  it('accept what generateSessionId draws', () => {
    const id = generateSessionId()
    expect(isSessionId(id)).toBe(true)
    expect(codeOf(() => assertSessionId(id))).toBeUndefined()
  })

  it.each([
    ['a 42-character id', 'A'.repeat(42)],
    ['a 44-character id', 'A'.repeat(44)],
    ['standard base64 characters', `${'A'.repeat(41)}+/`],
    ['a path', `../${'A'.repeat(40)}`],
    ['a key pattern', `${'A'.repeat(42)}*`],
    ['a trailing newline', `${'A'.repeat(43)}\n`],
    ['a number', 42],
    ['undefined', undefined],
  ])('refuse %s, assertSessionId with INVALID_SESSION_ID', (_, id) => {
    expect(isSessionId(id)).toBe(false)
    expect(codeOf(() => assertSessionId(id))).toBe('INVALID_SESSION_ID')
  })
})
