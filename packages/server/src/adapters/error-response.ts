import type { ServerResponse } from 'node:http'
import { isCrumbsError } from '@crumbs/core'

/** The answer to a session that cannot be loaded or saved: its status, headers and body. */
export interface ErrorAnswer {
  readonly status: 503 | 500
  readonly headers: Readonly<Record<string, string>>
  readonly body: string
}

/**
 * 503 with `Retry-After` for a store outage (retry later), 500 for any other session failure.
 * Adapters whose framework has its own error handling give it these (as the error's status and
 * headers) instead of answering themselves.
 */
export function errorAnswer(error: unknown): ErrorAnswer {
  const unavailable = isCrumbsError(error, 'STORE_UNAVAILABLE')
  return {
    status: unavailable ? 503 : 500,
    headers: {
      'Content-Type': 'text/plain; charset=utf-8',
      'Cache-Control': 'no-store',
      ...(unavailable ? { 'Retry-After': '5' } : {}),
    },
    body: unavailable ? 'Service Unavailable' : 'Internal Server Error',
  }
}

/** {@link errorAnswer} as a fetch `Response`. */
export function errorResponse(error: unknown): Response {
  const { status, headers, body } = errorAnswer(error)
  return new Response(body, { status, headers })
}

/**
 * {@link errorAnswer} written to a node:http response; a response whose headers already went
 * out can only be cut off.
 */
export function respondError(res: ServerResponse, error: unknown): void {
  if (res.headersSent) {
    res.destroy(error instanceof Error ? error : undefined)
    return
  }
  const { status, headers, body } = errorAnswer(error)
  // The route's own headers (Content-Length, ETag, cookies) describe a response that is not sent.
  for (const name of res.getHeaderNames()) res.removeHeader(name)
  res.statusCode = status
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value)
  res.end(body)
}
