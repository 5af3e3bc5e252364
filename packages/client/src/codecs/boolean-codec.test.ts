import { describe, expect, it } from 'vitest'
import { booleanCodec } from './boolean-codec.js'

describe('booleanCodec', () => {
  it.each([
    ['true', true],
    ['false', false],
    ['TRUE', undefined],
    ['1', undefined],
    ['', undefined],
  ])('reads %j as %j', (text, expected) => {
    expect(booleanCodec().decode(text)).toBe(expected)
  })

  it('writes the words true and false, and nothing else', () => {
    expect(booleanCodec().encode(true)).toBe('true')
    expect(booleanCodec().encode(false)).toBe('false')
    expect(booleanCodec().encode(1 as never)).toBeUndefined()
  })
})
