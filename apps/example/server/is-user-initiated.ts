import type { Request } from 'express'

/**
 * Whether a GET came from our own pages or the address bar, by `Sec-Fetch-Site` (Fetch
 * Metadata). A browser too old to send it is given the benefit of the doubt, as the CSRF check
 * does for `Origin`.
 */
export function isUserInitiated(req: Request): boolean {
  const site = req.get('sec-fetch-site')
  return site === undefined || site === 'same-origin' || site === 'none'
}
