import { decodeCookieText } from './decode-cookie-text.js'

/** `text` without leading or trailing SP and HTAB, the whitespace RFC 6265 §5.4 allows. */
function trimOws(text: string): string {
  let start = 0
  let end = text.length
  while (text[start] === ' ' || text[start] === '\t') start++
  while (end > start && (text[end - 1] === ' ' || text[end - 1] === '\t')) end--
  return text.slice(start, end)
}

/**
 * The decoded first value of `name` in a `Cookie` header or `document.cookie`, exactly as
 * @crumbs/core's `parseCookie(header).get(name)` reads it (pairs split on `;`, names and values
 * trimmed of SP and HTAB, pairs without `=` or with an empty name skipped, the first value wins),
 * in a few bytes for the browser; a property test holds the two to the same answers.
 */
export function readCookie(header: string, name: string): string | undefined {
  if (name === '') return undefined
  for (const pair of header.split(';')) {
    const eq = pair.indexOf('=')
    if (eq !== -1 && trimOws(pair.slice(0, eq)) === name) {
      return decodeCookieText(trimOws(pair.slice(eq + 1)))
    }
  }
  return undefined
}
