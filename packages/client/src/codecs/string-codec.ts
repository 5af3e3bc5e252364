import { runValidator } from '../internal/run-validator.js'
import type { CookieCodec, CookieValidator } from './cookie-codec.js'

/**
 * A codec for text, optionally checked by a validator (a Standard Schema or a type guard)
 * both when read and when written.
 *
 * @example
 * const id = stringCodec(z.string().uuid())
 */
export function stringCodec<T extends string = string>(
  validate?: CookieValidator<T>,
): CookieCodec<T> {
  const check = (value: unknown): T | undefined =>
    typeof value !== 'string' ? undefined : validate ? runValidator(validate, value) : (value as T)
  return { encode: check, decode: check }
}
