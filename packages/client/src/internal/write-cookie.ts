import type { CookieSchema } from '../jar/cookie-schema.js'
import type { CookieWriteResult } from '../jar/cookie-write-result.js'
import type { CookieDefinitions } from '../jar/define-cookies.js'
import { browserCookies } from './browser-cookies.js'
import { pathMatches } from './path-matches.js'

/**
 * Writes declared cookie `name` with its codec's `text` through js-cookie, or removes it when
 * `text` is `undefined`, with its declared attributes; notifies subscribers, then reads the
 * cookie back to report a write the browser refused. Without a `document` it writes nothing.
 */
export function writeCookie(
  jar: CookieDefinitions<CookieSchema>,
  name: string,
  text?: string,
): CookieWriteResult {
  // js-cookie writes each truthy attribute as `; key=value`, calling `split` on the value, so
  // `maxAge` goes in as the string `max-age`; browsers match attribute names and the SameSite
  // and Priority values case-insensitively (RFC 6265bis §5.7).
  const { maxAge, ...attributes } = jar.schema[name]!.attributes ?? {}
  // js-cookie's own default is `/`, but an explicit `path: undefined` would erase it.
  attributes.path ??= '/'
  // A removal is what js-cookie's `remove` does, `set` with an expired `expires` and no
  // `max-age` (which would win over it); `set` also returns `undefined` without a document.
  const written = browserCookies.set(
    name,
    text ?? '',
    text === undefined
      ? { ...attributes, expires: -1 }
      : { ...attributes, 'max-age': maxAge?.toString() },
  )
  if (written === undefined) return { ok: false, reason: 'no-document' }
  jar.state.notify?.()
  // A cookie whose path does not cover this page cannot be read back from it.
  return pathMatches(location.pathname, attributes.path) && browserCookies.get(name) !== text
    ? { ok: false, reason: 'refused' }
    : { ok: true }
}
