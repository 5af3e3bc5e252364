import type { CookieCodec } from './cookie-codec.js'

/** A codec for one of a fixed list of strings, which it keeps in `values`. */
export interface EnumCodec<T extends string> extends CookieCodec<T> {
  /** The accepted strings, as given to {@link enumCodec} (a page can list them in a menu). */
  readonly values: readonly T[]
}

/**
 * A codec for one of a fixed list of strings; any other text reads as invalid.
 *
 * The types demand a non-empty list of strings, and like {@link defineCookies} this function
 * leaves that to them, so a page using it bundles no `CrumbsError`: {@link createCookieJar}
 * and {@link checkCookieSchema} throw `INVALID_OPTION` for a declaration whose enum codec has
 * an empty list or a non-string.
 *
 * @example
 * const theme = enumCodec(['light', 'dark'])
 */
export function enumCodec<const T extends string>(values: readonly [T, ...T[]]): EnumCodec<T> {
  const allowed = new Set<string>(values)
  const check = (value: unknown): T | undefined =>
    typeof value === 'string' && allowed.has(value) ? (value as T) : undefined
  return { encode: check, decode: check, values }
}
