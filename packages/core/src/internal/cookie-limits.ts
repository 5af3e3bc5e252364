// RFC 6265bis §5.6 limits. A user agent ignores a cookie or attribute past them, so the
// serializer refuses them and the Set-Cookie parser drops them the same way.

/** Most bytes a cookie's name plus value may hold (RFC 6265bis §5.6, steps 5–6). */
export const MAX_COOKIE_BYTES = 4096

/** Most bytes one attribute value may hold (RFC 6265bis §5.6, step 8). */
export const MAX_ATTRIBUTE_BYTES = 1024

/** Longest lifetime a user agent keeps, in seconds: 400 days (RFC 6265bis §5.6.1, §5.6.2). */
export const MAX_LIFETIME_SECONDS = 34_560_000
