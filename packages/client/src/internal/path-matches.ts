/**
 * Whether a cookie with path `cookiePath` is sent with (and readable on) `requestPath`: the
 * path-match of RFC 6265bis §5.1.4.
 */
export function pathMatches(requestPath: string, cookiePath: string): boolean {
  return (
    requestPath === cookiePath ||
    requestPath.startsWith(cookiePath.endsWith('/') ? cookiePath : `${cookiePath}/`)
  )
}
