import type { CookieValidator } from '../codecs/cookie-codec.js'

/** What an asynchronous validator throws, as a `TypeError`; see {@link runValidator}. */
export const ASYNC_VALIDATOR = 'A cookie validator must be synchronous.'

/**
 * Runs a {@link CookieValidator}: the validated value, or `undefined` when it rejects. An
 * asynchronous Standard Schema is a caller mistake (cookies are read synchronously) and throws
 * a `TypeError`, kept small for the get+set+remove bundle; {@link createCookieJar} turns it
 * into `INVALID_OPTION`.
 */
export function runValidator<T>(validator: CookieValidator<T>, value: unknown): T | undefined {
  if (typeof validator === 'function') return validator(value) ? value : undefined
  const result = validator['~standard'].validate(value)
  if ('then' in result) throw new TypeError(ASYNC_VALIDATOR)
  return result.issues ? undefined : result.value
}
