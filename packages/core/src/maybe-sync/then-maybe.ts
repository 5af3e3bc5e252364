/**
 * A value or a promise of it: the answer of a step that may finish synchronously (node:crypto,
 * an in-process store) or not (Web Crypto, a network store).
 */
export type MaybePromise<T> = T | Promise<T>

/**
 * The one maybe-synchronous step: `next(value)`, at once when `value` is already there, after
 * it resolves when it is a promise (then `recover` takes a rejection, as in `Promise#then`).
 * node:crypto and in-process stores answer synchronously, Web Crypto and network stores do
 * not, and the synchronous path should not pay a microtask for a value it already has.
 */
export function thenMaybe<T, U>(
  value: MaybePromise<T>,
  next: (value: T) => MaybePromise<U>,
  recover?: (error: unknown) => MaybePromise<U>,
): MaybePromise<U> {
  return value instanceof Promise ? value.then(next, recover) : next(value)
}
