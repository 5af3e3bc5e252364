import type { NextFunction, Request, Response } from 'express'
import type { ExampleLog } from './example-log.js'
import { renderMessagePage } from './html/message-page.js'
import type { PageAssets } from './page-assets.js'

/** Codes of a store outage: the session store (crumbs) or the login throttle's. */
const UNAVAILABLE = new Set(['STORE_UNAVAILABLE', 'THROTTLE_UNAVAILABLE'])

/** The status an error asks for: 503 for a store outage, a body parser's 4xx, else 500. */
function statusOf(error: unknown): number {
  const { code, status } = (error ?? {}) as { code?: unknown; status?: unknown }
  if (UNAVAILABLE.has(code as string)) return 503
  if (typeof status === 'number' && status >= 400 && status < 500) return status
  return 500
}

/**
 * The last Express middleware: a JSON answer under `/api`, a page elsewhere, and a log line
 * for every server-side failure.
 */
export function errorHandler(assets: PageAssets, log: ExampleLog) {
  return (error: unknown, req: Request, res: Response, next: NextFunction): void => {
    if (res.headersSent) {
      next(error)
      return
    }
    const status = statusOf(error)
    if (status >= 500) log.error(`[example] ${req.method} ${req.path}:`, error)
    const message =
      status === 503
        ? 'Sessions are unavailable right now. Please try again shortly.'
        : status >= 500
          ? 'Something went wrong on our side.'
          : 'That request could not be understood.'
    res.status(status)
    if (req.path.startsWith('/api/')) {
      // A script (or a load test) tells an outage from a bug by its code, not the sentence.
      const { code } = (error ?? {}) as { code?: unknown }
      res.json(status === 503 ? { error: message, code } : { error: message })
      return
    }
    res.type('html').send(renderMessagePage({ title: 'Error', page: 'error', message, assets }))
  }
}
