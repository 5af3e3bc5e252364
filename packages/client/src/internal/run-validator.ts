import { CrumbsError } from '@crumbs/core'
import type { CookieValidator } from '../codecs/cookie-codec.js'

/**
 * Runs a {@link CookieValidator}: the validated value in a box, or `undefined` when it
 * rejects. An asynchronous Standard Schema is a caller mistake (cookies are read
 * synchronously) and throws `INVALID_OPTION`.
 */
export function runValidator<T>(
  validator: CookieValidator<T>,
  value: unknown,
): { value: T } | undefined {
  if (typeof validator === 'function') return validator(value) ? { value } : undefined
  const result = validator['~standard'].validate(value)
  if ('then' in result) {
    throw new CrumbsError('INVALID_OPTION', 'A cookie validator must be synchronous.', {
      details: { option: 'validate' },
    })
  }
  return result.issues === undefined ? { value: result.value } : undefined
}
