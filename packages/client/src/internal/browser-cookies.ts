import Cookies from 'js-cookie'

/**
 * js-cookie as the jar reads and writes through it, so that the browser agrees with
 * @crumbs/server. Its default write converter is kept: it percent-encodes exactly as
 * @crumbs/core's `encodeCookieValue`. The read converter is `decodeCookieValue` less Werkzeug's
 * backslash escapes, in a few bytes: a value that starts with `"` loses its first and last
 * characters (js-cookie's own rule); any other is decoded as one UTF-8 text, or kept as sent
 * when an escape is malformed, where js-cookie's default would drop the cookie.
 * browser-cookies.test.ts holds both converters to core.
 */
export const browserCookies: Cookies.CookiesStatic<string> =
  /* @__PURE__ */ Cookies.withConverter<string>({
    read: (raw) => {
      try {
        return raw[0] === '"' ? raw.slice(1, -1) : decodeURIComponent(raw)
      } catch {
        // decodeURIComponent throws URIError, and only that, for a malformed escape or
        // invalid UTF-8: hostile or foreign input, kept as sent, as @crumbs/server keeps it.
        return raw
      }
    },
  })
