import { parseCookie } from '@crumbs/core'
import { decodeDeclared } from '../internal/decode-declared.js'
import type { CookieSchema, CookieValue } from './cookie-schema.js'
import type { CookieDefinitions } from './define-cookies.js'

/** Typed reads of a jar's cookies, from `document.cookie` or from a `Cookie` header. */
export interface CookieReader<S extends CookieSchema> {
  /**
   * The cookie's typed value; its default (or `undefined`) when it is absent or its text is
   * invalid, which is reported to `onInvalid`, never thrown.
   */
  get<N extends keyof S & string>(name: N): CookieValue<S[N]>
}

/**
 * Reads a `Cookie` request header with the jar's types, through @crumbs/core's `parseCookie`
 * (the server's own parser), for server rendering without a hydration mismatch.
 *
 * @example
 * const theme = fromCookieHeader(cookies, request.headers.get('cookie')).get('theme')
 */
export function fromCookieHeader<S extends CookieSchema>(
  jar: CookieDefinitions<S>,
  header: string | null | undefined,
): CookieReader<S> {
  const cookies = parseCookie(header)
  return { get: (name) => decodeDeclared(jar, name, cookies.get(name)) as never }
}
