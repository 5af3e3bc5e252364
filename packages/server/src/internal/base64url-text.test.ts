import { Buffer } from 'node:buffer'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { decodeBase64UrlText, encodeBase64UrlText } from './base64url-text.js'

const reference = (text: string) => Buffer.from(text, 'utf8').toString('base64url')

describe('base64url text', () => {
  it('encodes as Buffer does and decodes back, for any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (text) => {
        const encoded = encodeBase64UrlText(text)
        expect(encoded).toBe(reference(text))
        expect(decodeBase64UrlText(encoded)).toBe(text)
      }),
      { numRuns: 1000 },
    )
  })

  it.each([
    ['ASCII at the reused buffer bound', 'a', 5461],
    ['ASCII past it', 'a', 5462],
    ['3-byte characters past it', '東', 6000],
    ['4-byte characters far past it', '😀', 20_000],
  ])('round-trips %s', (_, unit, count) => {
    const text = unit.repeat(count)
    const encoded = encodeBase64UrlText(text)
    expect(encoded).toBe(reference(text))
    expect(decodeBase64UrlText(encoded)).toBe(text)
  })

  it('leaves nothing of a longer text in a shorter one that follows', () => {
    const long = encodeBase64UrlText('x'.repeat(1000))
    const short = encodeBase64UrlText('hi')
    expect(decodeBase64UrlText(long)).toBe('x'.repeat(1000))
    expect(decodeBase64UrlText(short)).toBe('hi')
    expect(encodeBase64UrlText('hi')).toBe(short)
  })

  it('refuses what is not unpadded base64url', () => {
    for (const text of ['aGk=', 'a+b/', 'a b', 'é', 'abcde']) {
      expect(decodeBase64UrlText(text)).toBeUndefined()
    }
  })
})
