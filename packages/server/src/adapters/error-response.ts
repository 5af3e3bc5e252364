import { isCrumbsError } from '@crumbs/core'

/** 503 for a store outage (retry later), 500 for any other session failure. */
export function errorResponse(error: unknown): Response {
  const unavailable = isCrumbsError(error, 'STORE_UNAVAILABLE')
  return new Response(unavailable ? 'Service Unavailable' : 'Internal Server Error', {
    status: unavailable ? 503 : 500,
    headers: {
      'Content-Type': 'text/plain; charset=utf-8',
      'Cache-Control': 'no-store',
      ...(unavailable ? { 'Retry-After': '5' } : {}),
    },
  })
}
