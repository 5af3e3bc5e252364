/** The `SameSite` attribute's enforcement mode (RFC 6265bis §4.1.2.7), lowercase. */
export type CookieSameSite = 'strict' | 'lax' | 'none'

/** The `Priority` attribute's eviction priority (a Chromium extension), lowercase. */
export type CookiePriority = 'low' | 'medium' | 'high'

/**
 * The attributes of a `Set-Cookie` line (RFC 6265bis §4.1.2), as {@link serializeCookie} takes
 * them and {@link parseSetCookie} returns them.
 */
export interface CookieAttributes {
  /**
   * When the cookie expires, to the second (RFC 6265bis §4.1.2.1). A past date deletes the
   * cookie; more than 400 days ahead is refused.
   * @default a session cookie, ended when the browser session ends
   */
  expires?: Date
  /**
   * Seconds until the cookie expires, an integer (RFC 6265bis §4.1.2.2); zero or negative
   * deletes it, and more than 400 days (34,560,000 s) is refused. Takes precedence over
   * `expires` in every current browser.
   * @default a session cookie, ended when the browser session ends
   */
  maxAge?: number
  /**
   * The host and its subdomains that receive the cookie (RFC 6265bis §4.1.2.3): a host name
   * (labels of letters, digits and inner hyphens, 1–63 characters each, 253 in all; one
   * leading dot is allowed and ignored by browsers) or an IPv4 address. Not an IPv6 literal:
   * an address has no subdomains, so leave `domain` out there and the cookie is the same.
   * @default only the host that set it, excluding subdomains
   */
  domain?: string
  /**
   * The path prefix of the requests that receive the cookie (RFC 6265bis §4.1.2.4); starts
   * with `/`, at most 1024 bytes.
   * @default the directory of the request URL, except `/` for `__Host-` names
   */
  path?: string
  /**
   * Whether the cookie travels only over HTTPS (RFC 6265bis §4.1.2.5); required by the
   * `__Secure-` and `__Host-` prefixes, `SameSite=None` and `Partitioned`.
   * @default false
   */
  secure?: boolean
  /** Whether scripts are denied the cookie (RFC 6265bis §4.1.2.6). @default false */
  httpOnly?: boolean
  /**
   * Whether cross-site requests carry the cookie (RFC 6265bis §4.1.2.7); `'none'` requires
   * `secure`.
   * @default absent, which current browsers treat as `'lax'`
   */
  sameSite?: CookieSameSite
  /**
   * Whether the cookie is kept per top-level site (CHIPS, draft-cutler-httpbis-partitioned-cookies);
   * requires `secure`.
   * @default false
   */
  partitioned?: boolean
  /** Which cookies a Chromium browser evicts first when over its limits. @default `'medium'` */
  priority?: CookiePriority
}

/** How {@link serializeCookie} writes the value; not an attribute of the cookie. */
export interface SerializeCookieOptions {
  /**
   * Whether to percent-encode the value with {@link encodeCookieValue}. With `false` the value
   * is sent as given and must be cookie-octets, optionally wrapped in double quotes
   * (RFC 6265 §4.1.1), or `INVALID_COOKIE_VALUE` is thrown.
   * @default true
   */
  encode?: boolean
}

/**
 * What the prefix of `Name` demands, matched case-insensitively as browsers do
 * (RFC 6265bis §4.1.3): `__Secure-` needs `secure: true`; `__Host-` also forbids `domain` and
 * allows only `path: '/'`. `unknown` when `Name` has no prefix or is not a literal type.
 */
export type CookiePrefixRules<Name extends string> =
  Lowercase<Name> extends `__host-${string}`
    ? { secure: true; domain?: undefined; path?: '/' }
    : Lowercase<Name> extends `__secure-${string}`
      ? { secure: true }
      : unknown

/**
 * The attributes {@link serializeCookie} accepts for a cookie called `Name`: a prefixed name
 * turns its prefix rules into type errors. A name typed as plain `string` gets the runtime
 * checks only.
 */
export type AttributesFor<Name extends string> = CookieAttributes &
  SerializeCookieOptions &
  CookiePrefixRules<Name>

/**
 * Demands `secure: true` of attributes whose literal type sets `sameSite: 'none'` or
 * `partitioned: true`; attributes typed more widely are checked at run time only.
 */
export type SecureWhenRequired<A> = [A] extends [{ sameSite: 'none' } | { partitioned: true }]
  ? { secure: true }
  : unknown

/**
 * The attributes argument of {@link serializeCookie}: required for a prefixed name (its
 * prefix requires `secure: true`), optional otherwise.
 */
export type SerializeCookieArgs<Name extends string, A> =
  unknown extends CookiePrefixRules<Name>
    ? [attributes?: A & SecureWhenRequired<A>]
    : [attributes: A & SecureWhenRequired<A>]
