import { isSecureRequest } from '@crumbs/server/engine'
import type { Request, Response } from 'express'
import { expressPort } from './express-port.js'

/** What the example trusts about a request's transport; the session middleware gets the same. */
export interface TransportRules {
  /** `TRUST_PROXY`: the proxy's `X-Forwarded-Proto`/`Forwarded` names the client's scheme. */
  readonly trustProxy: boolean
}

/** Whether the request reached us over TLS, by crumbs' own rule (`isSecureRequest`). */
export function isSecureTransport(req: Request, res: Response, rules: TransportRules): boolean {
  return isSecureRequest(expressPort(req, res), rules.trustProxy)
}

/**
 * The origin the browser addressed, as crumbs' CSRF check rebuilds it: the transport's scheme
 * and the `Host` header; `undefined` without a usable Host.
 */
export function requestOrigin(
  req: Request,
  res: Response,
  rules: TransportRules,
): string | undefined {
  const host = req.headers.host
  if (host === undefined) return undefined
  const scheme = isSecureTransport(req, res, rules) ? 'https' : 'http'
  try {
    return new URL(`${scheme}://${host}`).origin
  } catch {
    return undefined
  }
}
