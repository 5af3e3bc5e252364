import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { isWellFormed, isWellFormedByPattern } from './is-well-formed.js'

const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((unit) => String.fromCharCode(unit))
const surrogateHeavy = fc.constantFrom('\uD800', '\uDBFF', '\uDC00', '\uDFFF', 'a')

describe('isWellFormed', () => {
  it.each([
    ['an empty string', ''],
    ['ASCII', 'john'],
    ['a BMP character', 'é€'],
    ['a surrogate pair', '😀'],
    ['pairs back to back', '😀😀'],
  ])('accepts %s', (_, text) => {
    expect(isWellFormed(text)).toBe(true)
    expect(isWellFormedByPattern(text)).toBe(true)
  })

  it.each([
    ['a lone high surrogate', '\uD800'],
    ['a lone low surrogate', '\uDC00'],
    ['a high surrogate before ASCII', 'a\uD800b'],
    ['a reversed pair', '\uDC00\uD800'],
    ['a pair followed by a lone high surrogate', '😀\uD83D'],
  ])('refuses %s', (_, text) => {
    expect(isWellFormed(text)).toBe(false)
    expect(isWellFormedByPattern(text)).toBe(false)
  })

  it('agrees with the pattern fallback on any sequence of code units', () => {
    const text = fc.oneof(fc.string({ unit: codeUnit }), fc.string({ unit: surrogateHeavy }))
    fc.assert(
      fc.property(text, (value) => {
        expect(isWellFormedByPattern(value)).toBe(isWellFormed(value))
      }),
    )
  })
})
