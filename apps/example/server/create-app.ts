import type { SessionOptions } from '@crumbs/server'
import { csrf, session } from '@crumbs/server/express'
import express, { type Express, type RequestHandler } from 'express'
import { errorHandler } from './error-handler.js'
import { createExampleLog, type ExampleLog } from './example-log.js'
import { renderMessagePage } from './html/message-page.js'
import type { LoginGuard } from './login-guard.js'
import { ASSETS_BASE, type PageAssets } from './page-assets.js'
import { apiRoutes } from './routes/api-routes.js'
import { cookieRoutes } from './routes/cookie-routes.js'
import { pageRoutes } from './routes/page-routes.js'
import { securityHeaders } from './security-headers.js'
import type { TransportRules } from './transport-rules.js'

/** Everything the Express app is built from; `startServer` assembles it from the environment. */
export interface AppParts {
  /** Checks logins: the throttle, the hashing bound, the users. */
  readonly logins: LoginGuard
  /** Options of the crumbs session middleware (secret plus store or format). */
  readonly session: SessionOptions
  /** Where sessions live, shown on the welcome page. */
  readonly sessions: string
  /** What the session cookie holds, one sentence for the welcome page. */
  readonly sessionsExplained: string
  readonly assets: PageAssets
  /** Serves the built page under `/assets/`: the dist/web folder. */
  readonly staticDir?: string
  /** Mounted before everything else, e.g. Vite's dev middleware. */
  readonly before?: readonly RequestHandler[]
  /** Sends a strict Content-Security-Policy (off under Vite's dev server). @default true */
  readonly contentSecurityPolicy?: boolean
  /** The demo users exist: the login page suggests their names and passwords. @default false */
  readonly demoUsers?: boolean
  /** Where failures are logged, redacted. @default a console log that hides URL credentials */
  readonly log?: ExampleLog
  /**
   * `TRUST_PROXY`: one reverse proxy in front is trusted for the client's scheme (session and
   * CSRF middleware, the example's own cookies) and address (`req.ip`). @default false
   */
  readonly trustProxy?: boolean
}

/**
 * The example as an Express 5 app: the seed's pages and cookie demo, the JSON API, CSRF
 * protection for every unsafe request, and crumbs sessions.
 */
export function createApp(parts: AppParts): Express {
  const rules: TransportRules = {
    trustProxy: parts.trustProxy ?? false,
  }
  const app = express()
  app.disable('x-powered-by')
  // One hop: req.ip is the address the proxy appended last to X-Forwarded-For, which a client
  // cannot forge; the entries before it are the client's own say.
  app.set('trust proxy', rules.trustProxy ? 1 : false)
  app.use(securityHeaders(parts.contentSecurityPolicy ?? true))
  if (parts.staticDir !== undefined) {
    app.use(
      ASSETS_BASE,
      express.static(parts.staticDir, { immutable: true, maxAge: '1y', index: false }),
    )
  }
  for (const handler of parts.before ?? []) app.use(handler)
  // Refuses unsafe requests sent cross-site (Sec-Fetch-Site / Origin) before any session work.
  app.use(csrf({ trustProxy: rules.trustProxy }))
  app.use(session({ ...parts.session, trustProxy: rules.trustProxy }))
  app.use('/api', apiRoutes(parts.logins))
  app.use('/cookie', cookieRoutes(parts.assets))
  app.use(pageRoutes({ ...parts, rules }))
  app.use((_req, res) => {
    res
      .status(404)
      .type('html')
      .send(
        renderMessagePage({
          title: 'Not found',
          page: 'error',
          message: 'Not found',
          assets: parts.assets,
        }),
      )
  })
  app.use(errorHandler(parts.assets, parts.log ?? createExampleLog({})))
  return app
}
