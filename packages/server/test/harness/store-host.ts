import http, { type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Session } from '@crumbs/core'
import express from 'express'
import type { CookieJar } from '../../src/engine/request-cookies.js'
import type { SessionOptions } from '../../src/engine/session-options.js'
import { session } from '../../src/entries/express.js'
import { scenarioApp } from './scenario-app.js'

/** An Express server with store sessions, serving the scenario app. */
export interface StoreHost {
  readonly url: string
  /** The middleware's log-out-everywhere helper. */
  destroyUserSessions(userId: string): Promise<number>
  close(): Promise<void>
}

/**
 * Starts the scenario app behind `@crumbs/server/express` on 127.0.0.1, with the usual Express
 * error handler answering 503 to `STORE_UNAVAILABLE`.
 */
export function startStoreHost(options: SessionOptions, port = 0): Promise<StoreHost> {
  const app = scenarioApp(new Map())
  const sessions = session(options)
  const server = express()
  server.use(sessions)
  server.use(async (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => {
    try {
      const url = new URL(req.url ?? '/', 'http://host')
      const out = await app(
        { method: req.method ?? 'GET', path: url.pathname, query: url.searchParams },
        {
          session: (req as IncomingMessage & { session: Session }).session,
          cookies: (req as IncomingMessage & { cookies: CookieJar }).cookies,
        },
      )
      res.statusCode = out.status ?? 200
      res.setHeader('Content-Type', 'text/plain; charset=utf-8')
      res.end(out.body)
    } catch (error) {
      next(error)
    }
  })
  server.use(
    (
      error: { code?: string },
      _req: express.Request,
      res: express.Response,
      _next: express.NextFunction,
    ) => {
      res
        .status(error.code === 'STORE_UNAVAILABLE' ? 503 : 500)
        .send(`express error: ${error.code}`)
    },
  )
  const listener = http.createServer(server)
  return new Promise((resolve) => {
    listener.listen(port, '127.0.0.1', () => {
      const { port: bound } = listener.address() as AddressInfo
      resolve({
        url: `http://127.0.0.1:${bound}`,
        destroyUserSessions: (userId) => sessions.destroyUserSessions(userId),
        close: () =>
          new Promise<void>((done) => {
            listener.closeAllConnections()
            listener.close(() => done())
          }),
      })
    })
  })
}
