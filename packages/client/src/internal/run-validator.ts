import type { CookieValidator } from '../codecs/cookie-codec.js'
import { AsyncValidatorError } from './async-validator-error.js'

/**
 * Runs a {@link CookieValidator}: the validated value, or `undefined` when it rejects. An
 * asynchronous Standard Schema is a caller mistake (cookies are read synchronously) and throws
 * an {@link AsyncValidatorError}, a `TypeError` kept small for the get+set+remove bundle (its
 * message names `~standard.validate`, which the bundle already spells, so gzip charges little
 * for it); {@link createCookieJar}
 * turns it into `INVALID_OPTION`.
 */
export function runValidator<T>(validator: CookieValidator<T>, value: unknown): T | undefined {
  if (typeof validator === 'function') return validator(value) ? value : undefined
  const result = validator['~standard'].validate(value)
  if ('then' in result) throw new AsyncValidatorError('~standard.validate() returned a promise')
  return result.issues ? undefined : result.value
}
