import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { jsonCodec } from './json-codec.js'
import type { StandardSchemaV1 } from './standard-schema.js'

interface Prefs {
  lang: string
  compact: boolean
}

const isPrefs = (value: unknown): value is Prefs =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as Prefs).lang === 'string' &&
  typeof (value as Prefs).compact === 'boolean'

describe('jsonCodec', () => {
  it('round-trips any JSON value its validator accepts', () => {
    const codec = jsonCodec((value): value is unknown => value !== undefined)
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(codec.decode(codec.encode(value)!)).toEqual(JSON.parse(JSON.stringify(value)))
      }),
    )
  })

  it.each([
    ['{"lang":"en","compact":true}', { lang: 'en', compact: true }],
    ['{"lang":"en"}', undefined],
    ['{"lang":"en",', undefined],
    ['', undefined],
    ['null', undefined],
  ])('reads %j as %j', (text, expected) => {
    expect(jsonCodec(isPrefs).decode(text)).toEqual(expected)
  })

  it('reads null when its validator accepts it, since only undefined means invalid', () => {
    expect(jsonCodec((value): value is null => value === null).decode('null')).toBeNull()
  })

  it('refuses to write a value its validator rejects', () => {
    expect(jsonCodec(isPrefs).encode({ lang: 'en' } as Prefs)).toBeUndefined()
  })

  it.each([
    ['a BigInt', 10n],
    ['a function', () => 1],
  ])('refuses to write %s, which JSON cannot hold', (_, value) => {
    expect(jsonCodec((v): v is unknown => true).encode(value)).toBeUndefined()
  })

  it('throws a TypeError for an asynchronous schema', () => {
    const slow: StandardSchemaV1<unknown, string> = {
      '~standard': { version: 1, vendor: 'test', validate: async () => ({ value: 'x' }) },
    }
    expect(() => jsonCodec(slow).decode('"x"')).toThrow(TypeError)
  })

  it('returns the output of a Standard Schema', () => {
    const trimmed: StandardSchemaV1<unknown, string> = {
      '~standard': {
        version: 1,
        vendor: 'test',
        validate: (value) =>
          typeof value === 'string' ? { value: value.trim() } : { issues: [{ message: 'string' }] },
      },
    }
    expect(jsonCodec(trimmed).decode('"  x "')).toBe('x')
    expect(jsonCodec(trimmed).encode(' y ')).toBe('"y"')
  })
})
