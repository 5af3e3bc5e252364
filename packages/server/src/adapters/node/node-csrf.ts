import type { IncomingMessage, ServerResponse } from 'node:http'
import { type CsrfOptions, checkCsrf } from '../../engine/csrf-check.js'
import { isSecureRequest } from '../../engine/request-security.js'
import { NodePort } from './node-port.js'

/** Options of the CSRF middleware. */
export interface NodeCsrfOptions extends CsrfOptions {
  /** Honour `X-Forwarded-Proto` when rebuilding the request's origin. @default false */
  trustProxy?: boolean
}

/**
 * Connect/Express middleware that answers 403 to unsafe requests sent cross-site (by
 * `Sec-Fetch-Site`, else `Origin`). Pair it with `verifyCsrfToken` for classic HTML forms.
 */
export function csrf(options: NodeCsrfOptions = {}) {
  return (req: IncomingMessage, res: ServerResponse, next?: (error?: unknown) => void): void => {
    const port = new NodePort(req, res)
    const rejected = checkCsrf(port, isSecureRequest(port, options.trustProxy ?? false), options)
    if (rejected === undefined) {
      next?.()
      return
    }
    res.statusCode = 403
    res.setHeader('Content-Type', 'text/plain; charset=utf-8')
    res.end(`Forbidden: cross-site request refused (${rejected})`)
  }
}
