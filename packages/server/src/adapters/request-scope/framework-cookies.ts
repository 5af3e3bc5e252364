import { encodeCookieValue, parseSetCookie } from '@crumbs/core'

/**
 * The options a framework's cookie store takes in `set`: what Next.js' `cookies()`, SvelteKit's
 * `cookies` and Astro's `cookies` all accept (the `cookie` package's serialize options).
 */
export interface FrameworkCookieOptions {
  path: string
  domain?: string
  maxAge?: number
  expires?: Date
  httpOnly?: boolean
  secure?: boolean
  sameSite?: 'lax' | 'strict' | 'none'
  partitioned?: boolean
  priority?: 'low' | 'medium' | 'high'
}

/**
 * A framework's own cookie store, as the request-scoped API uses it: Next.js' `cookies()`
 * (`get` answers `{ name, value }`), SvelteKit's `event.cookies` (`get` answers the value) and
 * Astro's `context.cookies` (`get` answers `{ value }`, and it cannot list its cookies).
 */
export interface FrameworkCookies {
  get(name: string): string | { readonly value: string | undefined } | undefined
  /** Every cookie of the request; without it, the request must be given too. */
  getAll?(): ReadonlyArray<{ readonly name: string; readonly value: string }>
  set(name: string, value: string, options: FrameworkCookieOptions): unknown
}

/** Whether `source` is a framework's cookie store rather than a request. */
export function isFrameworkCookies(source: object): source is FrameworkCookies {
  const candidate = source as Partial<FrameworkCookies> & { url?: unknown }
  return (
    typeof candidate.get === 'function' &&
    typeof candidate.set === 'function' &&
    typeof candidate.url !== 'string'
  )
}

/** The request's `Cookie` header rebuilt from the store; `undefined` when it cannot list them. */
export function cookieHeaderOf(store: FrameworkCookies): string | undefined {
  if (typeof store.getAll !== 'function') return undefined
  // The store hands decoded values; encoding them again lets the engine's parser decode them once.
  return store
    .getAll()
    .map(({ name, value }) => `${name}=${encodeCookieValue(value)}`)
    .join('; ')
}

/**
 * Writes each `Set-Cookie` line through the store's `set`, an expired one included. The store
 * gets the decoded value and encodes it its own way (`encodeURIComponent` in all three), which
 * every reader decodes to the same value. `httpOnly` and `secure` are always given, since
 * SvelteKit turns both on when they are left out.
 */
export function writeThrough(store: FrameworkCookies, lines: readonly string[]): void {
  for (const line of lines) {
    const cookie = parseSetCookie(line)
    if (cookie === undefined) continue
    const { path, domain, maxAge, expires, httpOnly, secure, sameSite, partitioned, priority } =
      cookie.attributes
    store.set(cookie.name, cookie.value, {
      path: path ?? '/',
      ...(domain === undefined ? {} : { domain }),
      ...(maxAge === undefined ? {} : { maxAge }),
      ...(expires === undefined ? {} : { expires }),
      httpOnly: httpOnly === true,
      secure: secure === true,
      ...(sameSite === undefined ? {} : { sameSite }),
      ...(partitioned ? { partitioned } : {}),
      ...(priority === undefined ? {} : { priority }),
    })
  }
}
