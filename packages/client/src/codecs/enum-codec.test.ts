import { describe, expect, it } from 'vitest'
import { checkCookieSchema } from '../jar/check-cookie-schema.js'
import { createCookieJar } from '../jar/create-cookie-jar.js'
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

  it('keeps its list in values', () => {
    expect(theme.values).toEqual(['light', 'dark'])
  })

  it('leaves an empty list to the types, and reads nothing with it', () => {
    // @ts-expect-error an enum needs at least one value
    const none = enumCodec([])
    expect(none.decode('')).toBeUndefined()
  })

  // The types reject these lists; a plain JavaScript caller hears of them from the jar.
  it.each([[[]], [[1]], ['light'], [undefined]])(
    'leaves the list %j to createCookieJar, which throws INVALID_OPTION',
    (values) => {
      const codec = enumCodec(values as never)
      expect(() => createCookieJar({ theme: { codec } })).toThrow(
        expect.objectContaining({
          code: 'INVALID_OPTION',
          details: expect.objectContaining({ name: 'theme', attribute: 'codec' }),
        }),
      )
      expect(() => checkCookieSchema({ theme: { codec } })).toThrow(
        expect.objectContaining({ code: 'INVALID_OPTION' }),
      )
    },
  )
})
