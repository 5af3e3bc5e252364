/**
 * A URL's user-info: `scheme://` then everything up to the last `@` before the path, so a
 * password with a raw `@` in it is covered too.
 */
const URL_CREDENTIALS = /\b([a-z][a-z\d+.-]*:\/\/)[^\s/?#@]*(?:@[^\s/?#@]*)*@/gi

/**
 * A run of base64url (or hex) characters as long as 128 random bits in base64url: the shape of
 * session ids, CSRF tokens, MACs, sealed and signed cookie values.
 */
const LONG_RUN = /[A-Za-z0-9_-]{22,}/g

/**
 * Whether a long run looks random rather than like a word: it holds a digit, or both cases.
 * `ERR_SSL_WRONG_VERSION_NUMBER` or `connection_is_closed` stay readable.
 */
const looksRandom = (run: string): boolean =>
  /\d/.test(run) || (/[a-z]/.test(run) && /[A-Z]/.test(run))

/**
 * `text` with what must not reach a log hidden: every URL's `user:password@` becomes `***@`,
 * and every long random-looking token (a session id, a store key's id, a cookie value, a CSRF
 * token) becomes `[redacted]`.
 */
export function redactSecrets(text: string): string {
  return text
    .replace(URL_CREDENTIALS, '$1***@')
    .replace(LONG_RUN, (run) => (looksRandom(run) ? '[redacted]' : run))
}
