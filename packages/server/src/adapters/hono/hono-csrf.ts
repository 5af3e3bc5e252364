import type { MiddlewareHandler } from 'hono'
import type { CsrfOptions } from '../../engine/csrf-check.js'
import { csrfProtection } from '../fetch/fetch-csrf.js'

/** The fetch adapter's CSRF check as Hono middleware: a 403 for an unsafe cross-site request. */
export function honoCsrf(options: CsrfOptions = {}): MiddlewareHandler {
  const check = csrfProtection(options)
  return async (c, next) => {
    const refused = check(c.req.raw)
    if (refused !== undefined) return refused
    await next()
  }
}
