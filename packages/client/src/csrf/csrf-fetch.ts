import { CrumbsError, parseCookie } from '@crumbs/core'

/** Options of {@link csrfFetch}. */
export interface CsrfFetchOptions {
  /** The readable cookie in which the server puts the session's CSRF token. @default 'csrf_token' */
  cookie?: string
  /** The request header the server reads the token from. @default 'x-csrf-token' */
  header?: string
  /** The `fetch` to wrap. @default globalThis.fetch, looked up on each call */
  fetch?: typeof fetch
}

/** The defaults of {@link CsrfFetchOptions}, in one place. */
export const CSRF_DEFAULTS = /* @__PURE__ */ Object.freeze({
  cookie: 'csrf_token',
  header: 'x-csrf-token',
})

// token = 1*tchar (RFC 9110 §5.6.2): both a cookie name and a header name are tokens.
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/

const SAFE_METHODS = ['GET', 'HEAD', 'OPTIONS', 'TRACE']

/**
 * The CSRF token the server left in a readable cookie, or `undefined` when there is none (or
 * no `document`).
 * @default cookie 'csrf_token'
 */
export function readCsrfToken(cookie: string = CSRF_DEFAULTS.cookie): string | undefined {
  return typeof document === 'undefined' ? undefined : parseCookie(document.cookie).get(cookie)
}

/**
 * Wraps `fetch` so that unsafe requests (not GET, HEAD, OPTIONS or TRACE) to this page's own
 * origin carry the CSRF token from its cookie in a header, for the server to compare with the
 * session's token (@crumbs/server's `verifyCsrfToken`). Requests to other origins never get
 * the token; a header the caller set is kept.
 *
 * Throws `INVALID_OPTION` when `cookie` or `header` is not a token.
 *
 * @example
 * const post = csrfFetch()
 * await post('/api/logout', { method: 'POST' })
 */
export function csrfFetch(options: CsrfFetchOptions = {}): typeof fetch {
  const cookie = options.cookie ?? CSRF_DEFAULTS.cookie
  const header = options.header ?? CSRF_DEFAULTS.header
  for (const [option, value] of [
    ['cookie', cookie],
    ['header', header],
  ] as const) {
    if (typeof value !== 'string' || !TOKEN.test(value)) {
      throw new CrumbsError('INVALID_OPTION', `csrfFetch option \`${option}\` must be a token.`, {
        details: { option },
      })
    }
  }
  return (input, init) => {
    const request = input instanceof Request ? input : undefined
    const send = options.fetch ?? globalThis.fetch
    const method = (init?.method ?? request?.method ?? 'GET').toUpperCase()
    const url = new URL(request?.url ?? String(input), location.href)
    const token = readCsrfToken(cookie)
    if (SAFE_METHODS.includes(method) || url.origin !== location.origin || token === undefined) {
      return send(input, init)
    }
    const headers = new Headers(init?.headers ?? request?.headers)
    if (!headers.has(header)) headers.set(header, token)
    return send(input, { ...init, headers })
  }
}
