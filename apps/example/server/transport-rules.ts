import { isSecureRequest } from '@crumbs/server/engine'
import type { Request, Response } from 'express'
import { expressPort } from './express-port.js'

/** What the example trusts about a request's transport; the session middleware gets the same. */
export interface TransportRules {
  /** `TRUST_PROXY`: the proxy's `X-Forwarded-Proto`/`Forwarded` names the client's scheme. */
  readonly trustProxy: boolean
  /** `NODE_ENV=production`: cookies are always Secure. */
  readonly production: boolean
}

/** Host names that only ever name this machine, as the engine's request-security.ts lists them. */
const LOCAL_NAMES = new Set(['localhost', '127.0.0.1', '[::1]'])
const FORWARDING_HEADERS = ['forwarded', 'x-forwarded-proto', 'x-forwarded-for', 'x-forwarded-host']

/**
 * Plain-http development on this machine: a loopback peer addressing a local host name, not
 * through a proxy. The engine's `isLocalDevelopment` (packages/server/src/engine/
 * request-security.ts), which @crumbs/server does not export; keep the two alike.
 */
function isLocalDevelopment(req: Request): boolean {
  if (FORWARDING_HEADERS.some((name) => req.headers[name] !== undefined)) return false
  const peer = req.socket.remoteAddress ?? ''
  const v4 = peer.startsWith('::ffff:') ? peer.slice(7) : peer
  if (!v4.startsWith('127.') && peer !== '::1') return false
  const host = (req.headers.host ?? '').trim().toLowerCase()
  const name = host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.split(':')[0]!
  return LOCAL_NAMES.has(name) || name.endsWith('.localhost')
}

/** Whether the request reached us over TLS, by crumbs' own rule (`isSecureRequest`). */
export function isSecureTransport(req: Request, res: Response, rules: TransportRules): boolean {
  return isSecureRequest(expressPort(req, res), rules.trustProxy)
}

/**
 * Whether a cookie the example sets should be Secure: the session cookie's rule (`secure:
 * 'auto'`), so the CSRF token's copy never travels where the session would not. Secure over
 * TLS, always in production, and everywhere but plain-http localhost development.
 */
export function wantsSecureCookies(req: Request, res: Response, rules: TransportRules): boolean {
  if (isSecureTransport(req, res, rules)) return true
  return rules.production || !isLocalDevelopment(req)
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
