import { type CsrfOptions, checkCsrf } from '../../engine/csrf-check.js'
import { fetchPort } from './fetch-port.js'

/**
 * The CSRF check for fetch servers: a 403 `Response` for an unsafe cross-site request,
 * `undefined` to go on.
 */
export function csrfProtection(
  options: CsrfOptions = {},
): (request: Request) => Response | undefined {
  return (request) => {
    const port = fetchPort(request)
    const rejected = checkCsrf(port, port.encrypted, options)
    if (rejected === undefined) return undefined
    return new Response(`Forbidden: cross-site request refused (${rejected})`, {
      status: 403,
      headers: { 'Content-Type': 'text/plain; charset=utf-8' },
    })
  }
}
