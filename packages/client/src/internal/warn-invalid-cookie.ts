import type { InvalidCookieEvent } from '../jar/jar-options.js'

/**
 * The default `onInvalid`: `console.warn` with the event, looked up on each call so that a
 * replaced `console.warn` is used.
 */
export function warnInvalidCookie(event: InvalidCookieEvent): void {
  console.warn(event)
}
