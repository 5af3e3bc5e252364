import { CrumbsError } from '@crumbs/core'
import type { CookieCodec } from './cookie-codec.js'

/**
 * A codec for one of a fixed list of strings; any other text reads as invalid.
 *
 * Throws `INVALID_OPTION` when `values` is empty or holds a non-string.
 *
 * @example
 * const theme = enumCodec(['light', 'dark'])
 */
export function enumCodec<const T extends string>(values: readonly [T, ...T[]]): CookieCodec<T> {
  if (!Array.isArray(values) || values.length === 0 || values.some((v) => typeof v !== 'string')) {
    throw new CrumbsError('INVALID_OPTION', 'enumCodec needs a non-empty list of strings.', {
      details: { option: 'values' },
    })
  }
  const allowed = new Set<string>(values)
  const check = (value: unknown): T | undefined =>
    typeof value === 'string' && allowed.has(value) ? (value as T) : undefined
  return { encode: check, decode: check }
}
