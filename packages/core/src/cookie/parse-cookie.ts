import { sliceTrimmed } from '../internal/slice-trimmed.js'
import { decodeCookieValue } from './encode-cookie-value.js'

/**
 * The cookies of one request, read-only and Map-like. Values are decoded with
 * {@link decodeCookieValue} when read.
 */
export interface CookieMap extends Iterable<[name: string, value: string]> {
  /** How many distinct names the header holds. */
  readonly size: number
  /**
   * The first value sent under `name`, or `undefined`. A browser sends the cookie with the
   * longest path first (RFC 6265 §5.4), so the first is the most specific.
   */
  get(name: string): string | undefined
  /** Every value sent under `name`, in header order (shadowed paths included); may be empty. */
  getAll(name: string): string[]
  /** Whether the header holds `name`. */
  has(name: string): boolean
  /** The distinct names, in header order. */
  keys(): IterableIterator<string>
  /** The first value of each distinct name, in header order. */
  values(): IterableIterator<string>
  /** `[name, firstValue]` once per distinct name, in header order. */
  entries(): IterableIterator<[name: string, value: string]>
  /** Calls `callback` once per distinct name with its first value, in header order. */
  forEach(
    callback: (value: string, name: string, cookies: CookieMap) => void,
    thisArg?: unknown,
  ): void
  [Symbol.iterator](): IterableIterator<[name: string, value: string]>
}

/**
 * Parses a `Cookie` request header into a read-only {@link CookieMap} (RFC 6265 §5.4 syntax,
 * read leniently): pairs without `=` or with an empty name are skipped, SP and HTAB around
 * names and values are trimmed, and any string is accepted without throwing.
 *
 * Names such as `__proto__` are ordinary cookies; nothing touches `Object.prototype`.
 *
 * @example
 * const cookies = parseCookie(request.headers.get('cookie'))
 * cookies.get('theme') // 'dark'
 */
export function parseCookie(header: string | null | undefined): CookieMap {
  return new ParsedCookies(typeof header === 'string' ? header : '')
}

/**
 * Characters of header that direct lookups may scan before an index is built: a scan finds one
 * name without allocating, so a typical header answers a dozen reads faster than an index
 * would, while a large one switches to the index after a read or two.
 */
const SCAN_BUDGET = 8192

/**
 * The {@link CookieMap} of one `Cookie` header, as {@link parseCookie} returns it. Exported from
 * `@crumbs/core/engine` for adapters that extend the request's cookies with their own methods
 * (a response's `setCookie`, signed reads) without forwarding every read.
 */
export class ParsedCookies implements CookieMap {
  readonly #header: string
  #budget = SCAN_BUDGET
  /** Raw (undecoded) first value per name; a Map keeps header order and has no prototype. */
  #first: Map<string, string> | undefined
  /** Every raw value per name, kept only for names that repeat. */
  #repeated: Map<string, string[]> | undefined

  constructor(header: string) {
    this.#header = header
  }

  /** The raw first value of `name`: a scan of the header for the first few reads, then the index. */
  #raw(name: string): string | undefined {
    if (this.#first === undefined) {
      this.#budget -= this.#header.length
      if (this.#budget >= 0) return scanFirst(this.#header, name)
    }
    return this.#index().get(name)
  }

  #index(): Map<string, string> {
    if (this.#first !== undefined) return this.#first
    const first = new Map<string, string>()
    const header = this.#header
    const length = header.length
    let index = 0
    while (index < length) {
      const eq = header.indexOf('=', index)
      if (eq === -1) break
      let end = header.indexOf(';', index)
      if (end === -1) end = length
      if (eq > end) {
        // Skip the pairs without `=` up to the one that holds this `=`.
        index = header.lastIndexOf(';', eq - 1) + 1
        continue
      }
      let start = index
      let stop = eq
      while (start < stop && isOws(header.charCodeAt(start))) start++
      while (stop > start && isOws(header.charCodeAt(stop - 1))) stop--
      if (start < stop) {
        const name = header.slice(start, stop)
        start = eq + 1
        stop = end
        while (start < stop && isOws(header.charCodeAt(start))) start++
        while (stop > start && isOws(header.charCodeAt(stop - 1))) stop--
        const value = header.slice(start, stop)
        const earlier = first.get(name)
        if (earlier === undefined) first.set(name, value)
        else this.#repeat(name, earlier, value)
      }
      index = end + 1
    }
    this.#first = first
    return first
  }

  #repeat(name: string, earlier: string, value: string): void {
    this.#repeated ??= new Map()
    const all = this.#repeated.get(name)
    if (all === undefined) this.#repeated.set(name, [earlier, value])
    else all.push(value)
  }

  get size(): number {
    return this.#index().size
  }

  get(name: string): string | undefined {
    const raw = this.#raw(name)
    return raw === undefined ? undefined : decodeCookieValue(raw)
  }

  getAll(name: string): string[] {
    const raw = this.#index().get(name)
    const all = this.#repeated?.get(name)
    if (all !== undefined) return all.map(decodeCookieValue)
    return raw === undefined ? [] : [decodeCookieValue(raw)]
  }

  has(name: string): boolean {
    return this.#raw(name) !== undefined
  }

  keys(): IterableIterator<string> {
    return this.#index().keys()
  }

  *values(): IterableIterator<string> {
    for (const raw of this.#index().values()) yield decodeCookieValue(raw)
  }

  *entries(): IterableIterator<[name: string, value: string]> {
    for (const [name, raw] of this.#index()) yield [name, decodeCookieValue(raw)]
  }

  forEach(
    callback: (value: string, name: string, cookies: CookieMap) => void,
    thisArg?: unknown,
  ): void {
    for (const [name, raw] of this.#index()) {
      callback.call(thisArg, decodeCookieValue(raw), name, this)
    }
  }

  [Symbol.iterator](): IterableIterator<[name: string, value: string]> {
    return this.entries()
  }

  get [Symbol.toStringTag](): string {
    return 'CookieMap'
  }
}

/**
 * The raw first value of `name` in `header`, found with a native substring search and no
 * allocation but the value. It accepts an occurrence only where the index would see that name:
 * the index splits pairs on every `;`, so a pair is `OWS name OWS "=" value`.
 */
function scanFirst(header: string, name: string): string | undefined {
  const size = name.length
  if (
    size === 0 ||
    isOws(name.charCodeAt(0)) ||
    isOws(name.charCodeAt(size - 1)) ||
    name.includes('=') ||
    name.includes(';')
  ) {
    return undefined
  }
  const length = header.length
  let from = 0
  for (;;) {
    const at = header.indexOf(name, from)
    if (at === -1) return undefined
    from = at + 1
    let before = at
    while (before > 0 && isOws(header.charCodeAt(before - 1))) before--
    if (before > 0 && header.charCodeAt(before - 1) !== 0x3b) continue
    let eq = at + size
    while (eq < length && isOws(header.charCodeAt(eq))) eq++
    if (header.charCodeAt(eq) !== 0x3d) continue
    const end = header.indexOf(';', eq)
    return sliceTrimmed(header, eq + 1, end === -1 ? length : end)
  }
}

/** SP or HTAB: the optional whitespace RFC 6265 §5.4 puts around pairs. */
function isOws(code: number): boolean {
  return code === 0x20 || code === 0x09
}
