import type { CookieCodec } from './cookie-codec.js'

// Date.prototype.toISOString's format (ECMA-262 §21.4.1.32), years 0000–9999.
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/

/**
 * A codec for instants, written as `toISOString()` text in UTC (`2025-01-31T12:00:00.000Z`).
 * Any other text, and an invalid `Date`, is invalid.
 */
export function dateCodec(): CookieCodec<Date> {
  return {
    encode: (value) =>
      value instanceof Date && !Number.isNaN(value.getTime()) ? value.toISOString() : undefined,
    decode: (text) => {
      if (!ISO.test(text)) return undefined
      const date = new Date(text)
      // The pattern admits impossible dates such as 02-31; a real one prints back the same.
      return Number.isNaN(date.getTime()) || date.toISOString() !== text ? undefined : date
    },
  }
}
