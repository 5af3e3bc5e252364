/** Inputs shared by both sides of every micro-benchmark, so each pair does the same work. */

/** A 48-byte secret: above the 32 bytes crumbs and iron-session require. */
export const SECRET = 'bench-secret-0123456789abcdef-0123456789abcdef-xy'

/** A session id as express-session would sign it: 32 random bytes in base64url. */
export const SESSION_ID = 'q1V0vQx2m4N8b7Kc3ZtR9yLwE5hU6jPaSgD0fIoXe1A'

/** A sealed-looking session token, the longest value in a real header. */
const TOKEN =
  'v1.8Fz2QeY1kPq0n6Wb3Hc9Lr5Ts7Uv2Xy4Za1Bc3De5Fg7Hi9Jk0Lm2No4Pq6Rs8Tu0Vw2Xy4Za6Bc8De0Fg2Hi4Jk6Lm8No0Pq2Rs4Tu6Vw8Xy0Za2Bc4De6Fg8'

/**
 * About ten cookies as a browser sends them to a site with analytics, preferences, a CSRF token
 * and a session; `cart` is percent-encoded.
 */
export const LARGE_HEADER = [
  '_ga=GA1.2.1843290511.1732465210',
  '_gid=GA1.2.2081129544.1732465210',
  'theme=dark',
  'lang=en-US',
  `session=${TOKEN}`,
  'csrftoken=Wm9K3pL1xQ8vB2nR7tY4uJ6hG0fD5sA9',
  'cart=%7B%22items%22%3A3%2C%22total%22%3A%2242.50%20EUR%22%7D',
  'consent=analytics%2Cpreferences',
  'tz=Europe%2FBerlin',
  'remember_me=1',
].join('; ')

/** The 3 names read from {@link LARGE_HEADER}: the session, the encoded value, the last one. */
export const LARGE_READS = ['session', 'cart', 'remember_me'] as const

/** A first visit: the session and one preference. */
export const SMALL_HEADER = `session=${TOKEN}; theme=dark`

/** The 3 names read from {@link SMALL_HEADER}; `lang` is absent, as lookups often are. */
export const SMALL_READS = ['session', 'theme', 'lang'] as const

/** The value serialized into `Set-Cookie`. */
export const COOKIE_VALUE = TOKEN

/** Session data whose JSON is about 200 bytes. */
export const SESSION_DATA = {
  username: 'john',
  views: 42,
  roles: ['admin', 'editor'],
  theme: 'dark',
  lang: 'en-US',
  csrf: 'Wm9K3pL1xQ8vB2nR7tY4uJ6hG0fD5sA9',
  createdAt: 1732465210123,
  lastSeen: 1732468810456,
  flashes: [['info', 'Welcome back!']],
}
