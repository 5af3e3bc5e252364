import { MAX_ATTRIBUTE_BYTES, MAX_COOKIE_BYTES } from '../internal/cookie-limits.js'
import { parseCookieDate } from '../internal/parse-cookie-date.js'
import { sliceTrimmed } from '../internal/slice-trimmed.js'
import type { CookieAttributes } from './cookie-attributes.js'
import { decodeCookieValue } from './encode-cookie-value.js'

/** One `Set-Cookie` line, parsed: the cookie's name, its decoded value, and its attributes. */
export interface SetCookie {
  /** The cookie name, as sent. */
  name: string
  /** The value, decoded with {@link decodeCookieValue}. */
  value: string
  /** The attributes a user agent would keep; unknown and invalid ones are left out. */
  attributes: CookieAttributes
}

// CTLs other than HTAB make a user agent ignore the whole line (RFC 6265bis §5.6, step 1).
const CONTROL = /[\x00-\x08\x0A-\x1F\x7F]/

// max-age-av: a DIGIT or "-" first, then only DIGITs (RFC 6265 §5.2.2).
const MAX_AGE = /^-?[0-9]+$/

/**
 * Parses one `Set-Cookie` header line the lenient way a user agent does (RFC 6265bis §5.6),
 * for clients, proxies and tests; `undefined` when a user agent would ignore the line.
 *
 * Attribute names are case-insensitive and unknown attributes are skipped. An invalid
 * `Max-Age` or `Expires`, an empty `Domain`, or an attribute value over 1024 bytes is ignored;
 * an unknown `SameSite`, or a `Path` not starting with `/`, resets that attribute to its
 * default. `Domain` loses a leading dot and is lowercased. When an attribute repeats, the last
 * one wins. The line is ignored when it has no `=` in its name-value pair, an empty name, a
 * control character other than HTAB, or a name plus value over 4096 bytes.
 *
 * `parseSetCookie(serializeCookie(name, value, attributes))` gives back all three
 * (`expires` to the second).
 *
 * @example
 * parseSetCookie('sid=abc; Path=/; HttpOnly; SameSite=Lax')
 * // { name: 'sid', value: 'abc', attributes: { path: '/', httpOnly: true, sameSite: 'lax' } }
 */
export function parseSetCookie(line: string): SetCookie | undefined {
  if (typeof line !== 'string' || CONTROL.test(line)) return undefined
  const length = line.length
  let end = line.indexOf(';')
  if (end === -1) end = length
  const eq = line.indexOf('=')
  if (eq === -1 || eq > end) return undefined
  const name = sliceTrimmed(line, 0, eq)
  const raw = sliceTrimmed(line, eq + 1, end)
  if (name === '' || name.length + raw.length > MAX_COOKIE_BYTES) return undefined

  const attributes: CookieAttributes = {}
  // The first "=" at or after the current attribute, kept across attributes: searching again
  // from each attribute would rescan the rest of the line every time an attribute has no "=",
  // which made a 1 MB line take seconds. Each character is now scanned at most once.
  let nextEq = eq
  for (let index = end + 1; index < length; index = end + 1) {
    end = line.indexOf(';', index)
    if (end === -1) end = length
    if (nextEq !== -1 && nextEq < index) nextEq = line.indexOf('=', index)
    const split = nextEq === -1 || nextEq > end ? end : nextEq
    const value = sliceTrimmed(line, split + 1, end)
    if (value.length > MAX_ATTRIBUTE_BYTES) continue
    applyAttribute(attributes, sliceTrimmed(line, index, split).toLowerCase(), value)
  }
  return { name, value: decodeCookieValue(raw), attributes }
}

/** Folds one cookie-av into `attributes`, as RFC 6265bis §5.6.1–§5.6.7 define it. */
function applyAttribute(attributes: CookieAttributes, name: string, value: string): void {
  switch (name) {
    case 'expires': {
      const date = parseCookieDate(value)
      if (date !== undefined) attributes.expires = date
      return
    }
    case 'max-age':
      // `+ 0` turns "-0" into 0.
      if (MAX_AGE.test(value)) attributes.maxAge = Number(value) + 0
      return
    case 'domain':
      if (value !== '') {
        attributes.domain = (value.charCodeAt(0) === 0x2e ? value.slice(1) : value).toLowerCase()
      }
      return
    case 'path':
      if (value.charCodeAt(0) === 0x2f) attributes.path = value
      else delete attributes.path
      return
    case 'secure':
      attributes.secure = true
      return
    case 'httponly':
      attributes.httpOnly = true
      return
    case 'partitioned':
      attributes.partitioned = true
      return
    case 'samesite': {
      const mode = value.toLowerCase()
      if (mode === 'strict' || mode === 'lax' || mode === 'none') attributes.sameSite = mode
      else delete attributes.sameSite
      return
    }
    case 'priority': {
      const priority = value.toLowerCase()
      if (priority === 'low' || priority === 'medium' || priority === 'high') {
        attributes.priority = priority
      }
      return
    }
  }
}
