import type { Session } from '@crumbs/core'
import { timingSafeEqual } from '@crumbs/core/engine'
import type { HttpPort } from './http-port.js'
import type { SessionState } from './session-state.js'

/** Options of the CSRF check. */
export interface CsrfOptions {
  /** Origins besides the request's own that may send unsafe requests, like `https://app.example`. @default [] */
  trustedOrigins?: readonly string[]
  /** Accept `Sec-Fetch-Site: same-site` (a sibling subdomain). @default false */
  allowSameSite?: boolean
}

/** Why a request failed the CSRF check. */
export type CsrfRejection = 'cross-site' | 'same-site' | 'origin-mismatch' | 'null-origin'

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'TRACE'])

/**
 * Decides whether an unsafe request comes from our own pages, by `Sec-Fetch-Site` where the
 * browser sends it and by `Origin` otherwise. A request with neither header is not from a
 * browser that could have been tricked (curl, server-to-server) and passes.
 */
export function checkCsrf(
  port: HttpPort,
  secure: boolean,
  options: CsrfOptions,
): CsrfRejection | undefined {
  if (SAFE_METHODS.has(port.method)) return undefined
  const origin = port.header('origin')
  if (origin !== undefined && options.trustedOrigins?.includes(origin)) return undefined
  const site = port.header('sec-fetch-site')
  if (site !== undefined) {
    if (site === 'same-origin' || site === 'none') return undefined
    if (site === 'same-site') return options.allowSameSite ? undefined : 'same-site'
    return 'cross-site'
  }
  if (origin === undefined) return undefined
  if (origin === 'null') return 'null-origin'
  const host = port.header('host')
  return origin === `${secure ? 'https' : 'http'}://${host}` ? undefined : 'origin-mismatch'
}

/**
 * Whether `submitted` (a form field or header) matches the session's CSRF token, compared in
 * constant time. A session without a token matches nothing.
 */
export function verifyCsrfToken(session: Pick<Session, 'csrfToken'>, submitted: unknown): boolean {
  // Reading must not issue a token: a session without one matches nothing. Duck-typed rather
  // than `instanceof SessionState`: the session may come from crumbs' other build (ESM or
  // CommonJS) in the same process.
  const peek = (session as Partial<Pick<SessionState, 'csrfTokenIfAny'>>).csrfTokenIfAny
  const expected = typeof peek === 'function' ? peek.call(session) : session.csrfToken()
  return (
    typeof submitted === 'string' && expected !== undefined && timingSafeEqual(expected, submitted)
  )
}
