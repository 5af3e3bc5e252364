import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { decodeBase64UrlBytes, encodeBase64UrlBytes } from './base64url-bytes.js'
import { decodeBase64UrlText, encodeBase64UrlText } from './base64url-text.js'

// RFC 4648 §5 computed the plain way, independent of either backend.
const reference = (text: string) =>
  btoa(String.fromCharCode(...new TextEncoder().encode(text)))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '')

describe('base64url text', () => {
  it('encodes the UTF-8 bytes of any text and decodes them back', () => {
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
    ['ASCII at the node backend’s reused buffer bound', 'a', 5461],
    ['ASCII past it', 'a', 5462],
    ['3-byte characters past it', '東', 6000],
    ['4-byte characters far past it', '😀', 20_000],
  ])('round-trips %s', (_, unit, count) => {
    const text = unit.repeat(count)
    const encoded = encodeBase64UrlText(text)
    expect(encoded).toBe(encodeBase64UrlBytes(new TextEncoder().encode(text)))
    expect(decodeBase64UrlText(encoded)).toBe(text)
  })

  it('leaves nothing of a longer text in a shorter one that follows', () => {
    const long = encodeBase64UrlText('x'.repeat(1000))
    const short = encodeBase64UrlText('hi')
    expect(decodeBase64UrlText(long)).toBe('x'.repeat(1000))
    expect(decodeBase64UrlText(short)).toBe('hi')
    expect(encodeBase64UrlText('hi')).toBe(short)
  })

  it('reads bytes that are not UTF-8 as U+FFFD', () => {
    expect(decodeBase64UrlText(encodeBase64UrlBytes(Uint8Array.of(0x68, 0xff, 0x69)))).toBe(
      'h\uFFFDi',
    )
  })

  it.each(['aGk=', 'a+b/', 'a b', 'é', 'abcde', 'aGl'])(
    'refuses %j, which is not canonical unpadded base64url',
    (text) => {
      expect(decodeBase64UrlText(text)).toBeUndefined()
      expect(decodeBase64UrlBytes(text)).toBeUndefined()
    },
  )
})
