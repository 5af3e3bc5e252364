import Cookies from 'js-cookie'
import type { CookieSchema } from '../jar/cookie-schema.js'
import type { CookieWriteResult } from '../jar/cookie-write-result.js'
import type { CookieDefinitions } from '../jar/define-cookies.js'
import { declarationOf } from './declaration-of.js'
import { pathMatches } from './path-matches.js'
import { readCookie } from './read-cookie.js'
import { toJsCookieAttributes } from './to-js-cookie-attributes.js'

// js-cookie writes; the value reaches it already encoded with core's rules, so the server reads
// back exactly what was written.
let writer: Cookies.CookiesStatic<string> | undefined
const jsCookie = (): Cookies.CookiesStatic<string> =>
  (writer ??= Cookies.withConverter<string>({ write: (value) => value, read: (value) => value }))

/**
 * Writes cookie `name` (its codec's `text`, already `encoded`), or removes it when both are
 * `undefined`, with its declared attributes; notifies subscribers, then reads the cookie back
 * to report a write the browser refused. Needs a `document`.
 */
export function writeCookie(
  jar: CookieDefinitions<CookieSchema>,
  name: string,
  text: string | undefined,
  encoded: string | undefined,
): CookieWriteResult {
  const attributes = declarationOf(jar, name, true).attributes ?? {}
  if (encoded === undefined) jsCookie().remove(name, toJsCookieAttributes(attributes, true))
  else jsCookie().set(name, encoded, toJsCookieAttributes(attributes, false))
  jar.state.notify?.()
  // A cookie whose path does not cover this page cannot be read back from it.
  if (pathMatches(location.pathname, attributes.path ?? '/')) {
    if (readCookie(document.cookie, name) !== text) return { ok: false, reason: 'refused' }
  }
  return { ok: true }
}
