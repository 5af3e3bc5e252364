import type { NextFunction, Request, Response } from 'express'

/** Same-origin scripts, styles and forms only; no framing. Vite's dev server needs it off. */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "object-src 'none'",
].join('; ')

/** Middleware adding the usual hardening headers, and a strict CSP when `csp` is true. */
export function securityHeaders(csp: boolean) {
  return (_req: Request, res: Response, next: NextFunction): void => {
    res.set('X-Content-Type-Options', 'nosniff')
    res.set('Referrer-Policy', 'same-origin')
    res.set('X-Frame-Options', 'DENY')
    if (csp) res.set('Content-Security-Policy', CONTENT_SECURITY_POLICY)
    next()
  }
}
