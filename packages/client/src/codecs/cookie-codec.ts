import type { StandardSchemaV1 } from './standard-schema.js'

/**
 * Turns a typed value into a cookie's text and back. The jar percent-encodes the text with
 * @crumbs/core's rules afterwards, so a codec may return any string.
 *
 * `T` excludes `undefined`: `undefined` is how a codec says "not a valid value".
 */
export interface CookieCodec<T> {
  /** The cookie text for `value`, or `undefined` when `value` is not valid for this codec. */
  encode(value: T): string | undefined
  /** The value `text` spells, or `undefined` when it is not a valid value (never throws). */
  decode(text: string): T | undefined
}

/**
 * Checks a value read from or written to a cookie: a synchronous Standard Schema (Zod,
 * Valibot, ArkType, …) or a type guard. Cookies are read synchronously, so a schema whose
 * `validate` returns a promise is a mistake: the codec throws a `TypeError` when it meets one,
 * which {@link createCookieJar}'s methods turn into `INVALID_OPTION`.
 */
export type CookieValidator<T> = StandardSchemaV1<unknown, T> | ((value: unknown) => value is T)

/** The value type a {@link CookieCodec} reads and writes. */
export type CodecValue<C> = C extends CookieCodec<infer T> ? T : never
