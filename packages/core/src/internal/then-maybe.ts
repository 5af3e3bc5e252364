import type { MaybePromise } from '../crypto/crypto-backend.js'

/**
 * `next(value)`, at once when `value` is already there, after it resolves when it is a promise:
 * node:crypto answers synchronously and Web Crypto does not, and the node path should not pay
 * a microtask for a value it already has.
 */
export function thenMaybe<T, U>(
  value: MaybePromise<T>,
  next: (value: T) => MaybePromise<U>,
): MaybePromise<U> {
  return value instanceof Promise ? value.then(next) : next(value)
}
