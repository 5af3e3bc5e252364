import { type CookieAttributes, MAX_COOKIE_BYTES, serializeCookie } from '@crumbs/core'

/** Where the lifetime goes in a serialized line: found once in a line made to hold it. */
const MAX_AGE_MARK = '; Max-Age=0'

/** The fixed parts of a session cookie's lines. */
interface Parts {
  /** What comes between the value and `Max-Age` (`; Domain=…; Path=…`). */
  readonly head: string
  /** What comes after `Max-Age` (`; HttpOnly; Secure; SameSite=…`, …). */
  readonly tail: string
  /** The line that makes the browser forget the cookie. */
  readonly expired: string
}

/**
 * The session cookie of one scheme (plain http or secure): its name and its `Set-Cookie` lines.
 * The attributes never change between requests, so `serializeCookie` checks and writes them
 * once, on the first line, and each commit after that only fills in the value and the lifetime.
 */
export class SessionCookie {
  readonly name: string
  readonly #attributes: CookieAttributes
  readonly #onLine: (() => void) | undefined
  #parts: Parts | undefined

  /** `onLine` runs before each line this cookie hands out (a warning, for a cookie that cannot stick). */
  constructor(name: string, attributes: CookieAttributes, onLine?: () => void) {
    this.name = name
    this.#attributes = attributes
    this.#onLine = onLine
  }

  /**
   * The line for `value`, a browser-session cookie without `maxAge`. `value` must be a codec's
   * or a signed id's output (base64url and `.`, nothing to encode), and `maxAge` whole seconds
   * within the options' `maxAge`. Throws the serializer's `CrumbsError`: `COOKIE_TOO_LARGE`
   * (with the size) for a value past 4096 bytes, or the code of an attribute no browser keeps
   * on this scheme (`SameSite=None` without `Secure`, on plain http).
   */
  line(value: string, maxAge?: number): string {
    this.#onLine?.()
    if (this.name.length + value.length > MAX_COOKIE_BYTES) {
      return serializeCookie(this.name, value, { ...this.#attributes, maxAge })
    }
    const { head, tail } = this.#lines()
    return maxAge === undefined
      ? `${this.name}=${value}${head}${tail}`
      : `${this.name}=${value}${head}; Max-Age=${maxAge}${tail}`
  }

  /** The line that makes the browser forget the cookie; throws as {@link line} does. */
  get expired(): string {
    this.#onLine?.()
    return this.#lines().expired
  }

  /**
   * Serialized on first use rather than when the middleware is made: a scheme the app never
   * serves (plain http under `secure: true`) must not stop it from starting.
   */
  #lines(): Parts {
    if (this.#parts !== undefined) return this.#parts
    const { name } = this
    const marked = serializeCookie(name, '', { ...this.#attributes, maxAge: 0 })
    // `;` cannot occur inside an attribute value, so the mark is found exactly where it went.
    const at = marked.indexOf(MAX_AGE_MARK)
    this.#parts = {
      head: marked.slice(name.length + 1, at),
      tail: marked.slice(at + MAX_AGE_MARK.length),
      expired: serializeCookie(name, '', { ...this.#attributes, expires: new Date(0), maxAge: 0 }),
    }
    return this.#parts
  }
}
