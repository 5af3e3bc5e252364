import { describe, expect, it } from 'vitest'
import { enumCodec } from './enum-codec.js'

describe('enumCodec', () => {
  const theme = enumCodec(['light', 'dark'])

  it.each([
    ['light', 'light'],
    ['dark', 'dark'],
    ['Dark', undefined],
    ['', undefined],
    ['light ', undefined],
    ['toString', undefined],
  ])('reads %j as %j', (text, expected) => {
    expect(theme.decode(text)).toBe(expected)
  })

  it('writes only a listed value', () => {
    expect(theme.encode('dark')).toBe('dark')
    expect(theme.encode('blue' as never)).toBeUndefined()
  })

  it.each([[[]], [[1]], ['light']])('throws INVALID_OPTION for the list %j', (values) => {
    expect(() => enumCodec(values as never)).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTION' }),
    )
  })
})
