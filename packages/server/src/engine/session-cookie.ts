import { type CookieAttributes, MAX_COOKIE_BYTES, serializeCookie } from '@crumbs/core'

/** Where the lifetime goes in a serialized line: found once in a line made to hold it. */
const MAX_AGE_MARK = '; Max-Age=0'

/**
 * The session cookie of one scheme (plain http or secure): its name and its `Set-Cookie` lines.
 * The attributes never change between requests, so `serializeCookie` checks and writes them
 * once, here, and each commit only fills in the value and the lifetime.
 */
export class SessionCookie {
  readonly name: string
  /** The line that makes the browser forget the cookie. */
  readonly expired: string
  readonly #attributes: CookieAttributes
  /** What comes between the value and `Max-Age` (`; Domain=…; Path=…`). */
  readonly #head: string
  /** What comes after `Max-Age` (`; HttpOnly; Secure; SameSite=…`, …). */
  readonly #tail: string

  /** Throws the serializer's `CrumbsError` for attributes no browser would keep. */
  constructor(name: string, attributes: CookieAttributes) {
    this.name = name
    this.#attributes = attributes
    const marked = serializeCookie(name, '', { ...attributes, maxAge: 0 })
    // `;` cannot occur inside an attribute value, so the mark is found exactly where it went.
    const at = marked.indexOf(MAX_AGE_MARK)
    this.#head = marked.slice(name.length + 1, at)
    this.#tail = marked.slice(at + MAX_AGE_MARK.length)
    this.expired = serializeCookie(name, '', { ...attributes, expires: new Date(0), maxAge: 0 })
  }

  /**
   * The line for `value`, a browser-session cookie without `maxAge`. `value` must be a codec's
   * or a signed id's output (base64url and `.`, nothing to encode), and `maxAge` whole seconds
   * within the options' `maxAge`. A value past 4096 bytes throws `COOKIE_TOO_LARGE`, with its
   * size, as `serializeCookie` would.
   */
  line(value: string, maxAge?: number): string {
    if (this.name.length + value.length > MAX_COOKIE_BYTES) {
      return serializeCookie(this.name, value, { ...this.#attributes, maxAge })
    }
    return maxAge === undefined
      ? `${this.name}=${value}${this.#head}${this.#tail}`
      : `${this.name}=${value}${this.#head}; Max-Age=${maxAge}${this.#tail}`
  }
}
