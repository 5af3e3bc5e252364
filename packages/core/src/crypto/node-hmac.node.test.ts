import { createHmac } from 'node:crypto'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { NodeHmacKey } from './node-hmac.js'

const reference = (key: Uint8Array, data: string) =>
  createHmac('sha256', key).update(data, 'utf8').digest('base64url')

// Lone surrogates become U+FFFD in UTF-8 on both paths; sign() refuses them before this.
const text = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
)

describe('NodeHmacKey', () => {
  it('agrees with createHmac for any key length and any text', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), text, (key, data) => {
        expect(new NodeHmacKey(key).mac(data)).toBe(reference(key, data))
      }),
      { numRuns: 2000 },
    )
  })

  it.each([
    ['just inside the one-shot path', 5461, 'a'],
    ['just past it', 5462, 'a'],
    ['of 3-byte characters just inside it', 5461, '東'],
    ['far past it', 40_000, 'é'],
  ])('agrees with createHmac for a message %s', (_, length, unit) => {
    const key = new Uint8Array(32).fill(7)
    const data = unit.repeat(length)
    expect(new NodeHmacKey(key).mac(data)).toBe(reference(key, data))
  })

  it('keeps keys apart when MACs of several keys interleave', () => {
    const keys = [1, 2, 3].map((fill) => new Uint8Array(32).fill(fill))
    const hmacKeys = keys.map((key) => new NodeHmacKey(key))
    const messages = ['a much longer message than the other one, to leave bytes behind', 'b', '']
    for (let round = 0; round < 3; round++) {
      for (const [index, hmacKey] of hmacKeys.entries()) {
        const data = messages[(index + round) % messages.length]!
        expect(hmacKey.mac(data)).toBe(reference(keys[index]!, data))
      }
    }
  })

  it('keeps its own copy of the key, so the caller may wipe it', () => {
    const raw = new Uint8Array(32).fill(9)
    const hmacKey = new NodeHmacKey(raw)
    const expected = reference(raw, 'data')
    raw.fill(0)
    expect(hmacKey.mac('data')).toBe(expected)
    expect(hmacKey.mac('x'.repeat(10_000))).toBe(
      reference(new Uint8Array(32).fill(9), 'x'.repeat(10_000)),
    )
  })
})
