/**
 * The user-info part of any URL in a text: `scheme://` then everything up to the last `@`
 * before the path, so a password with a raw `@` in it is covered too.
 */
const URL_CREDENTIALS = /\b([a-z][a-z\d+.-]*:\/\/)[^\s/?#@]*(?:@[^\s/?#@]*)*@/gi

/** Shortest credential searched for as it is: shorter ones would blot out ordinary words. */
const MIN_SECRET = 4

/** Hides what would let a reader of the logs connect: one function for every line printed. */
export type Redact = (text: string) => string

/**
 * The password of `url` as written and decoded; none when it is no URL. User names are left to
 * the URL rule: alone they are no secret, and common ones (`postgres`) are ordinary words.
 */
function passwordsOf(url: string): string[] {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return []
  }
  const raw = parsed.password
  let decoded = raw
  try {
    decoded = decodeURIComponent(raw)
  } catch {
    // A malformed escape: the raw form is all there is to look for.
  }
  return [raw, decoded].filter((part) => part.length >= MIN_SECRET)
}

/**
 * A {@link Redact} that replaces every URL's `user:password@` with `***@`, and also the
 * passwords of `urls` (REDIS_URL, DATABASE_URL) wherever they appear on their own.
 */
export function createRedact(urls: readonly (string | undefined)[]): Redact {
  const secrets = [
    ...new Set(urls.flatMap((url) => (url === undefined ? [] : passwordsOf(url)))),
  ].sort((a, b) => b.length - a.length)
  return (text) => {
    let out = text.replace(URL_CREDENTIALS, '$1***@')
    for (const secret of secrets) out = out.replaceAll(secret, '***')
    return out
  }
}
