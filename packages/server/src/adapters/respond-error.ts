import type { ServerResponse } from 'node:http'
import { isCrumbsError } from '@crumbs/core'

/**
 * The answer when a session cannot be loaded or saved and no framework error handler can take
 * it: 503 for a store outage (retry later), 500 for anything else. Never a crash.
 */
export function respondError(res: ServerResponse, error: unknown): void {
  if (res.headersSent) {
    res.destroy(error instanceof Error ? error : undefined)
    return
  }
  const unavailable = isCrumbsError(error, 'STORE_UNAVAILABLE')
  // The route's own headers (Content-Length, ETag, cookies) describe a response that is not sent.
  for (const name of res.getHeaderNames()) res.removeHeader(name)
  res.statusCode = unavailable ? 503 : 500
  res.setHeader('Content-Type', 'text/plain; charset=utf-8')
  res.setHeader('Cache-Control', 'no-store')
  if (unavailable) res.setHeader('Retry-After', '5')
  res.end(unavailable ? 'Service Unavailable' : 'Internal Server Error')
}
