import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { StandardSchemaV1 } from './standard-schema.js'
import { stringCodec } from './string-codec.js'

/** A hand-made Standard Schema accepting lowercase hex, as a schema library would. */
const hex: StandardSchemaV1<string, string> = {
  '~standard': {
    version: 1,
    vendor: 'test',
    validate: (value) =>
      typeof value === 'string' && /^[0-9a-f]+$/.test(value)
        ? { value }
        : { issues: [{ message: 'not hex' }] },
  },
}

describe('stringCodec', () => {
  it('passes any string through both ways', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        const codec = stringCodec()
        expect(codec.encode(text)).toBe(text)
        expect(codec.decode(text)).toBe(text)
      }),
    )
  })

  it('refuses a value that is not a string', () => {
    expect(stringCodec().encode(42 as never)).toBeUndefined()
  })

  it.each([
    ['c0ffee', 'c0ffee'],
    ['C0FFEE', undefined],
    ['', undefined],
  ])('checks %j with a Standard Schema when read and written', (text, expected) => {
    const codec = stringCodec(hex)
    expect(codec.decode(text)).toBe(expected)
    expect(codec.encode(text)).toBe(expected)
  })

  it('checks with a type guard', () => {
    const codec = stringCodec((value): value is `id-${string}` => String(value).startsWith('id-'))
    expect(codec.decode('id-7')).toBe('id-7')
    expect(codec.decode('7')).toBeUndefined()
  })

  it('throws a TypeError, not a CrumbsError, for an asynchronous schema', () => {
    const slow: StandardSchemaV1<string, string> = {
      '~standard': {
        version: 1,
        vendor: 'test',
        validate: async (value) => ({ value: `${value}` }),
      },
    }
    const codec = stringCodec(slow)
    // A CrumbsError is not a TypeError: this path stays free of CrumbsError.
    expect(() => codec.decode('x')).toThrow(TypeError)
    expect(() => codec.encode('x')).toThrow(TypeError)
  })
})
