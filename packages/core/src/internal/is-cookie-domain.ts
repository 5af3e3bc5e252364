// A host name (RFC 1034 §3.5 as relaxed by RFC 1123 §2.1): labels of letters, digits and inner
// hyphens, 1 to 63 characters each, joined by dots.
// label = let-dig [ *61let-dig-hyp let-dig ]
const HOST_NAME =
  /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/

// A last label the URL Standard takes for a number ("ends in a number", WHATWG URL §3.5): the
// host is then parsed as an IPv4 address, and is no host name at all when that fails.
const NUMERIC_LAST_LABEL = /(?:^|\.)(?:[0-9]+|0[Xx][0-9A-Fa-f]*)$/

// dec-octet "." dec-octet "." dec-octet "." dec-octet (RFC 3986 §3.2.2): no leading zeros,
// which the URL Standard would read as octal.
const IPV4 =
  /^(?:(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\.){3}(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])$/

/** Longest host name in characters: 255 octets on the wire (RFC 1034 §3.1) less two. */
const MAX_HOST_NAME = 253

/**
 * Whether `domain` can be a `Domain` attribute a user agent keeps: a host name of at most 253
 * characters, or an IPv4 address in dotted decimal. One leading dot is allowed on a host name,
 * since user agents ignore it (RFC 6265bis §5.6.3).
 *
 * Refused besides what the grammar excludes (spaces, quotes, `_`, `:`, empty labels, a trailing
 * dot): a name whose last label is a number but which is no IPv4 address (`example.123`), which
 * a URL never has as its host; an address with a leading dot, since an address has no
 * subdomains; and IPv6 literals. `Domain` exists to share a cookie with subdomains, which an
 * address has none of, so on an IPv6 host the cookie without `Domain` is the same cookie; the
 * attribute's grammar (RFC 6265 §4.1.2.3) has no IPv6 form, and browsers disagree on matching
 * one with or without brackets, so a cookie could be kept by one and dropped by another.
 */
export function isCookieDomain(domain: string): boolean {
  const dotted = domain.charCodeAt(0) === 0x2e
  const name = dotted ? domain.slice(1) : domain
  if (name.length > MAX_HOST_NAME || !HOST_NAME.test(name)) return false
  if (!NUMERIC_LAST_LABEL.test(name)) return true
  return !dotted && IPV4.test(name)
}
