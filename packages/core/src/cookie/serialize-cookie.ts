import { CrumbsError } from '../errors.js'
import {
  MAX_ATTRIBUTE_BYTES,
  MAX_COOKIE_BYTES,
  MAX_LIFETIME_SECONDS,
} from '../internal/cookie-limits.js'
import { formatHttpDate } from '../internal/format-http-date.js'
import { isCookieDomain } from '../internal/is-cookie-domain.js'
import type {
  AttributesFor,
  CookieAttributes,
  SerializeCookieArgs,
  SerializeCookieOptions,
} from './cookie-attributes.js'
import { encodeCookieValue } from './encode-cookie-value.js'

// token = 1*tchar (RFC 9110 §5.6.2, formerly RFC 7230 §3.2.6)
// tchar = "!" / "#" / "$" / "%" / "&" / "'" / "*" / "+" / "-" / "." / "^" / "_" / "`" / "|" /
//         "~" / DIGIT / ALPHA
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/

// cookie-value = *cookie-octet / ( DQUOTE *cookie-octet DQUOTE )  (RFC 6265 §4.1.1)
const RAW_VALUE =
  /^(?:[\x21\x23-\x2B\x2D-\x3A\x3C-\x5B\x5D-\x7E]*|"[\x21\x23-\x2B\x2D-\x3A\x3C-\x5B\x5D-\x7E]*")$/

// av-octet = %x20-3A / %x3C-7E: any CHAR except CTLs or ";" (RFC 6265bis §4.1.1)
const AV_OCTETS = /^[\x20-\x3A\x3C-\x7E]*$/

// Before 1601 the cookie-date algorithm fails (RFC 6265 §5.1.1), so a browser would ignore
// the Expires and keep a cookie that was meant to be deleted.
const EARLIEST_EXPIRES = /* @__PURE__ */ Date.UTC(1601, 0, 1)

const getTime = Date.prototype.getTime

const NO_PREFIX = 0
const SECURE_PREFIX = 1
const HOST_PREFIX = 2

type Input = CookieAttributes & SerializeCookieOptions

/**
 * Serializes one `Set-Cookie` header line, refusing what RFC 6265bis user agents would drop:
 * each rule throws a {@link CrumbsError} with its own code.
 *
 * - `INVALID_COOKIE_NAME`: `name` is empty or not an RFC 9110 token.
 * - `INVALID_COOKIE_VALUE`: with `encode: false`, `value` is not cookie-octets (optionally
 *   quoted); or `value` holds a lone surrogate.
 * - `COOKIE_TOO_LARGE`: name plus encoded value over 4096 bytes (`details: { size, limit }`).
 * - `INVALID_OPTION` (`details.option`): an option of the wrong type: `attributes` that is not
 *   an object; `httpOnly`, `secure`, `partitioned` or `encode` that is not a boolean (a truthy
 *   `'yes'` or `1` would otherwise be dropped silently); `domain`, `path`, `sameSite` or
 *   `priority` that is not a string; `maxAge` that is not a number; `expires` that is not a
 *   Date.
 * - `INVALID_ATTRIBUTE` (`details.attribute`): a `domain` or `path` with a control character,
 *   `;`, a non-ASCII character or a leading or trailing space; a `domain` that is no host name
 *   (RFC 1123 labels of letters, digits and inner hyphens, at most 63 characters each and 253
 *   in all, one leading dot allowed) or IPv4 address, so no IPv6 literal; a `path` not
 *   starting with `/`; an invalid or pre-1601 `expires`; a `maxAge` that is not a safe integer;
 *   an unknown `sameSite` or `priority`.
 * - `ATTRIBUTE_TOO_LARGE`: a `domain` or `path` over 1024 bytes
 *   (`details: { attribute, size, limit }`).
 * - `LIFETIME_TOO_LONG`: `maxAge` or `expires` more than 400 days ahead
 *   (`details: { attribute, seconds, limit }`).
 * - `PREFIX_REQUIRES_SECURE`, `HOST_PREFIX_DOMAIN`, `HOST_PREFIX_PATH`: the `__Secure-` and
 *   `__Host-` prefix rules (RFC 6265bis §4.1.3), matched case-insensitively.
 * - `SAMESITE_NONE_REQUIRES_SECURE`, `PARTITIONED_REQUIRES_SECURE`.
 *
 * A `__Host-` cookie without `path` gets `Path=/`, the only path its prefix allows. The prefix
 * rules, and `secure` for a literal `sameSite: 'none'` or `partitioned: true`, are type errors
 * too.
 *
 * @example
 * serializeCookie('__Host-sid', token, { secure: true, httpOnly: true, sameSite: 'lax' })
 * // '__Host-sid=…; Path=/; HttpOnly; Secure; SameSite=Lax'
 */
export function serializeCookie<
  const Name extends string,
  const A extends AttributesFor<Name> = AttributesFor<Name>,
>(name: Name, value: string, ...attributes: SerializeCookieArgs<Name, A>): string
export function serializeCookie(name: string, value: string, attributes?: Input): string {
  if (typeof name !== 'string' || !TOKEN.test(name)) {
    throw new CrumbsError('INVALID_COOKIE_NAME', 'A cookie name must be a non-empty token.', {
      details: { name },
    })
  }
  if (typeof value !== 'string') {
    throw new CrumbsError('INVALID_COOKIE_VALUE', 'A cookie value must be a string.')
  }
  if (attributes !== undefined && (typeof attributes !== 'object' || attributes === null)) {
    throw invalidOption('attributes', 'an object')
  }
  let encoded = value
  if (flag(attributes, 'encode') === false) {
    if (!RAW_VALUE.test(value)) {
      throw new CrumbsError('INVALID_COOKIE_VALUE', 'A raw cookie value must be cookie-octets.')
    }
  } else {
    encoded = encodeCookieValue(value)
  }
  // Both parts are ASCII by now, so a length is a byte count.
  const size = name.length + encoded.length
  if (size > MAX_COOKIE_BYTES) {
    throw new CrumbsError('COOKIE_TOO_LARGE', 'A cookie is over 4096 bytes.', {
      details: { size, limit: MAX_COOKIE_BYTES },
    })
  }
  let line = `${name}=${encoded}`
  const prefix = prefixOf(name)
  if (attributes === undefined) {
    if (prefix !== NO_PREFIX) throw prefixRequiresSecure(prefix)
    return line
  }

  const { domain, path, expires, maxAge, sameSite, priority } = attributes
  const secure = flag(attributes, 'secure') === true
  const httpOnly = flag(attributes, 'httpOnly') === true
  const partitioned = flag(attributes, 'partitioned') === true
  if (domain !== undefined) {
    checkAttributeValue('domain', domain)
    if (domain === '') throw invalidAttribute('domain', 'The Domain attribute is empty.')
    if (!isCookieDomain(domain)) {
      throw invalidAttribute(
        'domain',
        'The Domain attribute must be a host name or an IPv4 address.',
      )
    }
    line += `; Domain=${domain}`
  }
  if (path !== undefined) {
    checkAttributeValue('path', path)
    if (path.charCodeAt(0) !== 0x2f) {
      throw invalidAttribute('path', 'The Path attribute must start with "/".')
    }
    line += `; Path=${path}`
  } else if (prefix === HOST_PREFIX) {
    line += '; Path=/'
  }
  if (expires !== undefined) line += `; Expires=${formatExpires(expires)}`
  if (maxAge !== undefined) line += `; Max-Age=${formatMaxAge(maxAge)}`
  if (httpOnly) line += '; HttpOnly'
  if (secure) line += '; Secure'
  if (sameSite !== undefined) {
    if (typeof sameSite !== 'string') throw invalidOption('sameSite', 'a string')
    if (sameSite === 'lax') line += '; SameSite=Lax'
    else if (sameSite === 'strict') line += '; SameSite=Strict'
    else if (sameSite === 'none') line += '; SameSite=None'
    else throw invalidAttribute('sameSite', 'Unknown SameSite value.', sameSite)
  }
  if (partitioned) line += '; Partitioned'
  if (priority !== undefined) {
    if (typeof priority !== 'string') throw invalidOption('priority', 'a string')
    if (priority === 'high') line += '; Priority=High'
    else if (priority === 'medium') line += '; Priority=Medium'
    else if (priority === 'low') line += '; Priority=Low'
    else throw invalidAttribute('priority', 'Unknown Priority value.', priority)
  }

  if (!secure) {
    if (prefix !== NO_PREFIX) throw prefixRequiresSecure(prefix)
    if (sameSite === 'none') {
      throw new CrumbsError('SAMESITE_NONE_REQUIRES_SECURE', 'SameSite=None requires Secure.')
    }
    if (partitioned) {
      throw new CrumbsError('PARTITIONED_REQUIRES_SECURE', 'Partitioned requires Secure.')
    }
  }
  if (prefix === HOST_PREFIX) {
    if (domain !== undefined) {
      throw new CrumbsError('HOST_PREFIX_DOMAIN', 'A __Host- cookie must not have a Domain.', {
        details: { domain },
      })
    }
    if (path !== undefined && path !== '/') {
      throw new CrumbsError('HOST_PREFIX_PATH', 'A __Host- cookie must have Path=/.', {
        details: { path },
      })
    }
  }
  return line
}

/** Which prefix `name` carries, ignoring case as browsers do (RFC 6265bis §4.1.3). */
function prefixOf(name: string): number {
  if (name.charCodeAt(0) !== 0x5f || name.charCodeAt(1) !== 0x5f) return NO_PREFIX
  const head = name.slice(0, 9).toLowerCase()
  if (head === '__secure-') return SECURE_PREFIX
  if (head.startsWith('__host-')) return HOST_PREFIX
  return NO_PREFIX
}

function prefixRequiresSecure(prefix: number): CrumbsError {
  const name = prefix === HOST_PREFIX ? '__Host-' : '__Secure-'
  return new CrumbsError('PREFIX_REQUIRES_SECURE', `A ${name} cookie requires Secure.`, {
    details: { prefix: name },
  })
}

/**
 * The flag `option` of `attributes`: `true`, `false` or absent. Anything else throws, so a
 * truthy `'yes'` or `1`, or a `'false'`, is not taken for a decision it does not state.
 */
function flag(
  attributes: Input | undefined,
  option: 'httpOnly' | 'secure' | 'partitioned' | 'encode',
): boolean | undefined {
  const value: unknown = attributes?.[option]
  if (value === undefined || typeof value === 'boolean') return value
  throw invalidOption(option, 'true or false')
}

function invalidOption(option: string, expected: string, cause?: unknown): CrumbsError {
  return new CrumbsError('INVALID_OPTION', `The ${option} option must be ${expected}.`, {
    cause,
    details: { option },
  })
}

function invalidAttribute(attribute: string, message: string, value?: unknown): CrumbsError {
  return new CrumbsError('INVALID_ATTRIBUTE', message, {
    details: value === undefined ? { attribute } : { attribute, value },
  })
}

/**
 * Throws unless `value` is a string of av-octets, at most 1024 bytes, without a trailing space
 * (a user agent would trim it, RFC 6265 §5.2, and store something other than what was asked).
 */
function checkAttributeValue(attribute: string, value: unknown): asserts value is string {
  if (typeof value !== 'string') throw invalidOption(attribute, 'a string')
  // Checked first so that the character scan below is bounded.
  if (value.length > MAX_ATTRIBUTE_BYTES) {
    throw new CrumbsError('ATTRIBUTE_TOO_LARGE', `The ${attribute} attribute is over 1024 bytes.`, {
      details: { attribute, size: value.length, limit: MAX_ATTRIBUTE_BYTES },
    })
  }
  if (!AV_OCTETS.test(value)) {
    throw invalidAttribute(
      attribute,
      `The ${attribute} attribute holds a control character, ";" or a non-ASCII character.`,
    )
  }
  if (value.charCodeAt(0) === 0x20 || value.charCodeAt(value.length - 1) === 0x20) {
    throw invalidAttribute(attribute, `The ${attribute} attribute starts or ends with a space.`)
  }
}

function formatExpires(expires: unknown): string {
  const time = timeOf(expires)
  if (Number.isNaN(time)) throw invalidAttribute('expires', 'Expires must be a valid Date.')
  if (time < EARLIEST_EXPIRES) throw invalidAttribute('expires', 'Expires must not be before 1601.')
  const ahead = time - Date.now()
  if (ahead > MAX_LIFETIME_SECONDS * 1000) throw lifetimeTooLong('expires', Math.ceil(ahead / 1000))
  // Not `expires.toUTCString()`: a caller's Date may override it and write `; Domain=…`.
  return formatHttpDate(time)
}

/**
 * The time value of `expires`, read with the intrinsic `Date.prototype.getTime`, so an
 * overridden `getTime` is not called. The intrinsic reads the Date's internal slot, which a Date
 * from another realm (an iframe, a vm context) has too, and throws for anything else, including
 * an object that only claims the Date tag.
 */
function timeOf(expires: unknown): number {
  try {
    return getTime.call(expires)
  } catch (cause) {
    throw invalidOption('expires', 'a Date', cause)
  }
}

function formatMaxAge(maxAge: unknown): string {
  if (typeof maxAge !== 'number') throw invalidOption('maxAge', 'a number')
  // Only a safe integer prints as plain digits (no exponent, no fraction) in Max-Age.
  if (!Number.isSafeInteger(maxAge)) {
    throw invalidAttribute('maxAge', 'Max-Age must be an integer number of seconds.', maxAge)
  }
  if (maxAge > MAX_LIFETIME_SECONDS) throw lifetimeTooLong('maxAge', maxAge)
  return `${maxAge}`
}

function lifetimeTooLong(attribute: string, seconds: number): CrumbsError {
  return new CrumbsError('LIFETIME_TOO_LONG', 'A cookie may live at most 400 days.', {
    details: { attribute, seconds, limit: MAX_LIFETIME_SECONDS },
  })
}
