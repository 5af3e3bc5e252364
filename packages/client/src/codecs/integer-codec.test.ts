import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { integerCodec } from './integer-codec.js'

describe('integerCodec', () => {
  it('round-trips every safe integer', () => {
    const codec = integerCodec()
    fc.assert(
      fc.property(fc.maxSafeInteger(), (value) => {
        expect(codec.decode(codec.encode(value)!)).toBe(value === 0 ? 0 : value)
      }),
    )
  })

  it.each([
    ['0', 0],
    ['-12', -12],
    ['9007199254740991', Number.MAX_SAFE_INTEGER],
    ['9007199254740993', undefined],
    ['-0', undefined],
    ['007', undefined],
    ['1e3', undefined],
    ['1.5', undefined],
    ['+1', undefined],
    [' 1', undefined],
    ['', undefined],
    ['0x10', undefined],
  ])('reads %j as %j', (text, expected) => {
    expect(integerCodec().decode(text)).toBe(expected)
  })

  it.each([1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 60, '3'])(
    'refuses to write %j',
    (value) => {
      expect(integerCodec().encode(value as number)).toBeUndefined()
    },
  )

  it('keeps values within its bounds', () => {
    const codec = integerCodec({ min: 1, max: 10 })
    expect(codec.decode('10')).toBe(10)
    expect(codec.decode('11')).toBeUndefined()
    expect(codec.encode(0)).toBeUndefined()
  })

  it.each([{ min: 0.5 }, { max: Number.POSITIVE_INFINITY }, { min: 2, max: 1 }])(
    'throws INVALID_OPTION for the bounds %j',
    (bounds) => {
      expect(() => integerCodec(bounds)).toThrow(
        expect.objectContaining({ code: 'INVALID_OPTION' }),
      )
    },
  )
})
