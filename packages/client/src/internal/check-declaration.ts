import { CrumbsError, type CrumbsErrorCode } from '@crumbs/core'
import type { CookieDeclaration } from '../jar/cookie-schema.js'

// token = 1*tchar (RFC 9110 §5.6.2), less `%`: js-cookie percent-encodes a `%` in a name, so
// the server would see another name than the one declared.
const NAME = /^[!#$&'*+\-.^_`|~0-9A-Za-z]+$/

// av-octet = %x20-3A / %x3C-7E: any CHAR except CTLs or ";" (RFC 6265bis §4.1.1)
const AV_OCTETS = /^[\x20-\x3A\x3C-\x7E]*$/

/** Longest lifetime a user agent keeps, in seconds: 400 days (RFC 6265bis §5.6.1). */
const MAX_LIFETIME_SECONDS = 34_560_000

const fail = (code: CrumbsErrorCode, name: string, message: string, details = {}): never => {
  throw new CrumbsError(code, `Cookie "${name}": ${message}`, { details: { name, ...details } })
}

/**
 * Throws the {@link CrumbsError} a caller mistake in one declaration deserves, with the codes
 * @crumbs/core's serializer uses for the same RFC 6265bis rules, so a jar fails when it is
 * created rather than on a write.
 */
export function checkDeclaration(name: string, declaration: CookieDeclaration): void {
  if (!NAME.test(name)) fail('INVALID_COOKIE_NAME', name, 'the name must be a token without %.')
  const lower = name.toLowerCase()
  if (/^(__host-|__secure-)?session$/.test(lower)) {
    fail('INVALID_COOKIE_NAME', name, 'the session cookie is HttpOnly; declare its companion.')
  }
  const codec = declaration?.codec
  if (typeof codec?.encode !== 'function' || typeof codec.decode !== 'function') {
    fail('INVALID_OPTION', name, 'codec must have encode and decode.', { option: 'codec' })
  }
  if (declaration.default !== undefined && codec.encode(declaration.default) === undefined) {
    fail('INVALID_OPTION', name, 'the default is not a valid value.', { option: 'default' })
  }
  const { domain, path, expires, maxAge, sameSite, priority, ...rest } =
    declaration.attributes ?? {}
  if (rest.httpOnly !== undefined) {
    fail('INVALID_ATTRIBUTE', name, 'HttpOnly can only be set by the server.', {
      attribute: 'httpOnly',
    })
  }
  for (const [attribute, value] of [
    ['domain', domain],
    ['path', path],
  ] as const) {
    if (value === undefined) continue
    if (typeof value !== 'string' || !AV_OCTETS.test(value) || value === '') {
      fail('INVALID_ATTRIBUTE', name, `${attribute} is not a valid value.`, { attribute })
    }
    if (value.length > 1024) fail('ATTRIBUTE_TOO_LARGE', name, `${attribute} is too long.`)
  }
  if (path !== undefined && path[0] !== '/') {
    fail('INVALID_ATTRIBUTE', name, 'path must start with "/".', { attribute: 'path' })
  }
  if (expires !== undefined && !(expires instanceof Date && !Number.isNaN(expires.getTime()))) {
    fail('INVALID_ATTRIBUTE', name, 'expires must be a valid Date.', { attribute: 'expires' })
  }
  if (maxAge !== undefined) {
    if (!Number.isSafeInteger(maxAge)) {
      fail('INVALID_ATTRIBUTE', name, 'maxAge must be whole seconds.', { attribute: 'maxAge' })
    }
    if (maxAge > MAX_LIFETIME_SECONDS) {
      fail('LIFETIME_TOO_LONG', name, 'maxAge is over 400 days.', { attribute: 'maxAge' })
    }
  }
  if (sameSite !== undefined && !['strict', 'lax', 'none'].includes(sameSite)) {
    fail('INVALID_ATTRIBUTE', name, 'unknown sameSite.', { attribute: 'sameSite' })
  }
  if (priority !== undefined && !['low', 'medium', 'high'].includes(priority)) {
    fail('INVALID_ATTRIBUTE', name, 'unknown priority.', { attribute: 'priority' })
  }
  if (rest.secure !== true) {
    if (/^__(host|secure)-/.test(lower)) {
      fail('PREFIX_REQUIRES_SECURE', name, 'a prefixed name needs secure.')
    }
    if (sameSite === 'none') {
      fail('SAMESITE_NONE_REQUIRES_SECURE', name, 'SameSite=None needs secure.')
    }
    if (rest.partitioned === true) {
      fail('PARTITIONED_REQUIRES_SECURE', name, 'Partitioned needs secure.')
    }
  }
  if (lower.startsWith('__host-')) {
    if (domain !== undefined) fail('HOST_PREFIX_DOMAIN', name, 'a __Host- cookie has no domain.')
    if (path !== undefined && path !== '/') {
      fail('HOST_PREFIX_PATH', name, 'a __Host- cookie has path "/".')
    }
  }
}
