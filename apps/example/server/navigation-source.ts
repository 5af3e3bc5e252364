import type { Request } from 'express'

/**
 * Where a GET navigation came from: `own` (our pages or the address bar), `foreign` (another
 * site), or `unknown` when the browser said nothing that tells.
 */
export type NavigationSource = 'own' | 'foreign' | 'unknown'

function originOf(url: string): string | undefined {
  try {
    return new URL(url).origin
  } catch {
    return undefined
  }
}

/**
 * Reads `Sec-Fetch-Site` (Fetch Metadata) where the browser sends it; else a same-origin
 * `Origin` or `Referer` (the example sends `Referrer-Policy: same-origin`, so its own pages
 * always give one); else `unknown`. `ownOrigin` is the origin the request was addressed to.
 */
export function navigationSource(req: Request, ownOrigin: string | undefined): NavigationSource {
  const site = req.get('sec-fetch-site')
  if (site !== undefined) return site === 'same-origin' || site === 'none' ? 'own' : 'foreign'
  const claimed = req.get('origin') ?? req.get('referer')
  if (claimed === undefined) return 'unknown'
  const origin = originOf(claimed)
  return origin !== undefined && origin === ownOrigin ? 'own' : 'foreign'
}
