import { runValidator } from '../internal/run-validator.js'
import type { CookieCodec, CookieValidator } from './cookie-codec.js'

/**
 * A codec for JSON data, checked by a validator (a Standard Schema or a type guard) when read
 * and when written: a cookie is user-editable input, so its shape is never assumed.
 *
 * A value `JSON.stringify` cannot write (a `BigInt`, a cycle, a function) is invalid.
 *
 * @example
 * const prefs = jsonCodec(z.object({ lang: z.string(), compact: z.boolean() }))
 */
export function jsonCodec<T>(validate: CookieValidator<T>): CookieCodec<T> {
  return {
    encode: (value) => {
      const checked = runValidator(validate, value)
      if (checked === undefined) return undefined
      try {
        return JSON.stringify(checked) as string | undefined
      } catch (error) {
        // BigInt and cycles throw TypeError: that value is invalid, and set reports it.
        if (error instanceof TypeError) return undefined
        throw error
      }
    },
    decode: (text) => {
      let parsed: unknown
      try {
        parsed = JSON.parse(text)
      } catch (error) {
        // Malformed JSON in a cookie is hostile or stale input: the jar reports it as invalid.
        if (error instanceof SyntaxError) return undefined
        throw error
      }
      return runValidator(validate, parsed)
    },
  }
}
