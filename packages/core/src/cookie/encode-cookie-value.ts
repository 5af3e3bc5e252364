import { CrumbsError } from '../errors.js'

// The tables are built by calls marked pure, so a bundle that never encodes drops them.
const PASS = /* @__PURE__ */ passTable()

const HEX: readonly string[] = /* @__PURE__ */ Array.from(
  { length: 256 },
  (_, byte) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`,
)

/**
 * 1 for each ASCII code that passes unescaped: cookie-octet = %x21 / %x23-2B / %x2D-3A /
 * %x3C-5B / %x5D-7E (RFC 6265 §4.1.1), minus `%` itself so that a literal `%` is always escaped
 * and decoding is the exact inverse.
 */
function passTable(): Uint8Array {
  const pass = new Uint8Array(128)
  for (let code = 0x21; code <= 0x7e; code++) {
    pass[code] =
      code === 0x22 || code === 0x25 || code === 0x2c || code === 0x3b || code === 0x5c ? 0 : 1
  }
  return pass
}

/**
 * Percent-encodes (UTF-8, `%XX`) every character of `value` that is not an RFC 6265 §4.1.1
 * cookie-octet, plus `%`; everything else, such as a base64url token, passes unchanged.
 *
 * Throws `INVALID_COOKIE_VALUE` for a lone UTF-16 surrogate, which has no UTF-8 form.
 *
 * @example
 * encodeCookieValue('a b;c') // 'a%20b%3Bc'
 */
export function encodeCookieValue(value: string): string {
  const length = value.length
  let index = 0
  while (index < length) {
    const code = value.charCodeAt(index)
    if (code >= 0x80 || PASS[code] === 0) break
    index++
  }
  if (index === length) return value

  let out = value.slice(0, index)
  let run = index
  for (; index < length; index++) {
    let code = value.charCodeAt(index)
    if (code < 0x80 && PASS[code] === 1) continue
    if (index > run) out += value.slice(run, index)
    if (code < 0x80) {
      out += HEX[code]
    } else if (code < 0x800) {
      out += HEX[0xc0 | (code >> 6)]! + HEX[0x80 | (code & 0x3f)]
    } else if (code < 0xd800 || code >= 0xe000) {
      out +=
        HEX[0xe0 | (code >> 12)]! + HEX[0x80 | ((code >> 6) & 0x3f)] + HEX[0x80 | (code & 0x3f)]
    } else {
      const low = value.charCodeAt(index + 1)
      if (code >= 0xdc00 || !(low >= 0xdc00 && low <= 0xdfff)) {
        throw new CrumbsError('INVALID_COOKIE_VALUE', 'A cookie value holds a lone surrogate.', {
          details: { index },
        })
      }
      code = 0x10000 + ((code - 0xd800) << 10) + (low - 0xdc00)
      index++
      out +=
        HEX[0xf0 | (code >> 18)]! +
        HEX[0x80 | ((code >> 12) & 0x3f)] +
        HEX[0x80 | ((code >> 6) & 0x3f)] +
        HEX[0x80 | (code & 0x3f)]
    }
    run = index + 1
  }
  return run < length ? out + value.slice(run) : out
}

/**
 * Decodes a cookie value as read from a `Cookie` or `Set-Cookie` header: the inverse of
 * {@link encodeCookieValue}, and lenient about what other servers send.
 *
 * - `%XX` sequences are decoded as UTF-8; a malformed escape keeps the raw value.
 * - A value wrapped in double quotes (RFC 6265 §4.1.1) is unwrapped, and the backslash escapes
 *   Python's http.cookies and Werkzeug write are undone: `\054` (three octal digits, one byte
 *   of UTF-8), `\"` and `\\`. A quoted value is not percent-decoded: the two are different
 *   encodings, and this library's encoder never emits a leading quote.
 *
 * Never throws.
 *
 * @example
 * decodeCookieValue('a%20b') // 'a b'
 * decodeCookieValue('"a\\054b"') // 'a,b'
 */
export function decodeCookieValue(raw: string): string {
  const last = raw.length - 1
  if (last > 0 && raw.charCodeAt(0) === 0x22 && raw.charCodeAt(last) === 0x22) {
    return raw.indexOf('\\') === -1 ? raw.slice(1, last) : unescapeQuoted(raw, 1, last)
  }
  if (raw.indexOf('%') === -1) return raw
  try {
    return decodeURIComponent(raw)
  } catch (error) {
    // A malformed escape or invalid UTF-8 is hostile or foreign input: keep what was sent.
    if (error instanceof URIError) return raw
    throw error
  }
}

let utf8: TextDecoder | undefined

/** Undoes Werkzeug's `_cookie_quote` between `start` and `end` (exclusive). */
function unescapeQuoted(raw: string, start: number, end: number): string {
  let out = ''
  // Octal escapes are bytes: consecutive ones form one UTF-8 sequence, decoded together.
  let bytes: number[] = []
  const flush = (): void => {
    if (bytes.length === 0) return
    utf8 ??= new TextDecoder()
    out += utf8.decode(Uint8Array.from(bytes))
    bytes = []
  }
  for (let index = start; index < end; index++) {
    const code = raw.charCodeAt(index)
    if (code === 0x5c && index + 1 < end) {
      const octal = index + 3 < end ? octalByte(raw, index + 1) : -1
      if (octal >= 0) {
        bytes.push(octal)
        index += 3
        continue
      }
      index++
    }
    flush()
    out += raw[index]
  }
  flush()
  return out
}

/** The byte `[0-3][0-7][0-7]` at `index` spells, or -1. */
function octalByte(raw: string, index: number): number {
  const a = raw.charCodeAt(index) - 0x30
  const b = raw.charCodeAt(index + 1) - 0x30
  const c = raw.charCodeAt(index + 2) - 0x30
  if (a < 0 || a > 3 || b < 0 || b > 7 || c < 0 || c > 7) return -1
  return (a << 6) | (b << 3) | c
}
