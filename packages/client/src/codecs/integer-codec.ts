import { CrumbsError } from '@crumbs/core'
import type { CookieCodec } from './cookie-codec.js'

/** Bounds for {@link integerCodec}, inclusive. */
export interface IntegerCodecOptions {
  /** The smallest accepted value. @default Number.MIN_SAFE_INTEGER */
  min?: number
  /** The largest accepted value. @default Number.MAX_SAFE_INTEGER */
  max?: number
}

// A canonical decimal integer: no sign on zero, no leading zeros, no exponent or fraction.
const DECIMAL = /^-?(?:0|[1-9]\d*)$/

/**
 * A codec for safe integers written in canonical decimal. Text outside the safe range reads as
 * invalid instead of losing precision, so large ids belong in a {@link stringCodec}.
 *
 * Throws `INVALID_OPTION` when a bound is not a safe integer or `min > max`.
 */
export function integerCodec(options: IntegerCodecOptions = {}): CookieCodec<number> {
  const min = options.min ?? Number.MIN_SAFE_INTEGER
  const max = options.max ?? Number.MAX_SAFE_INTEGER
  if (!Number.isSafeInteger(min) || !Number.isSafeInteger(max) || min > max) {
    throw new CrumbsError(
      'INVALID_OPTION',
      'integerCodec bounds must be safe integers, min ≤ max.',
      {
        details: { option: 'min/max' },
      },
    )
  }
  const valid = (value: number): boolean =>
    Number.isSafeInteger(value) && value >= min && value <= max && !Object.is(value, -0)
  return {
    encode: (value) => (valid(value) ? String(value) : undefined),
    decode: (text) => {
      if (!DECIMAL.test(text) || text === '-0') return undefined
      const value = Number(text)
      return valid(value) ? value : undefined
    },
  }
}
