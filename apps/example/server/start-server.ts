import type { AddressInfo } from 'node:net'
import { dirname } from 'node:path'
import Database from 'better-sqlite3'
import type { RequestHandler } from 'express'
import { createApp } from './create-app.js'
import { provideDemoUsers } from './demo-users.js'
import { createExampleLog, type ExampleLog } from './example-log.js'
import { type ExampleConfig, loadConfig } from './load-config.js'
import type { PageAssets } from './page-assets.js'
import { ensurePrivateDir, ensurePrivateFile, tightenSqliteCompanions } from './private-files.js'
import { resolveSecretKey } from './resolve-secret-key.js'
import { createSessionBackend } from './session-backend.js'
import { createUserDirectory } from './user-directory.js'

/** How to serve the page: the Vite build, or Vite's dev server. */
export interface StartOptions {
  readonly env: NodeJS.ProcessEnv
  /** apps/example. */
  readonly appDir: string
  readonly assets: PageAssets
  readonly staticDir?: string
  readonly before?: readonly RequestHandler[]
  readonly contentSecurityPolicy?: boolean
  /** Where the server logs, redacted. @default {@link createExampleLog} over `env` */
  readonly log?: ExampleLog
}

/** A listening example server. */
export interface RunningServer {
  readonly url: string
  readonly config: ExampleConfig
  /** Where sessions live, like `sqlite (…)`. */
  readonly sessions: string
  /** Stops accepting requests, then closes the session store and the database. */
  close(): Promise<void>
}

/**
 * Reads the environment, opens the database, seeds the demo users (outside production, or with
 * `SEED_DEMO_USERS=1`), picks the session backend and listens. Throws a `StartupError` on a configuration mistake.
 */
export async function startServer(options: StartOptions): Promise<RunningServer> {
  const config = loadConfig(options.env, options.appDir)
  const log = options.log ?? createExampleLog(options.env)
  const secret = resolveSecretKey({
    secretKey: options.env.SECRET_KEY,
    production: config.production,
    dataDir: config.dataDir,
    warn: log.warn,
  })
  const databaseDir = dirname(config.databasePath)
  ensurePrivateDir(databaseDir, databaseDir === config.dataDir)
  ensurePrivateFile(config.databasePath)
  tightenSqliteCompanions(config.databasePath)
  const db = new Database(config.databasePath)
  db.pragma('journal_mode = WAL')
  // Two instances sharing the file (the Redis demo) wait for each other instead of failing.
  db.pragma('busy_timeout = 5000')
  const users = await createUserDirectory(db)
  await provideDemoUsers(users, config.seedDemoUsers)
  let backend: Awaited<ReturnType<typeof createSessionBackend>>
  try {
    backend = await createSessionBackend(config, db, log)
  } catch (error) {
    db.close()
    throw error
  }

  const app = createApp({
    users,
    // The newest signs; the fallbacks still verify, and a session they verify is re-issued.
    session: { secret: [secret, ...config.secretKeyFallbacks], ...backend.options },
    sessions: backend.description,
    sessionsExplained: backend.explanation,
    assets: options.assets,
    demoUsers: config.seedDemoUsers,
    log,
    trustProxy: config.trustProxy,
    production: config.production,
    ...(options.staticDir === undefined ? {} : { staticDir: options.staticDir }),
    ...(options.before === undefined ? {} : { before: options.before }),
    ...(options.contentSecurityPolicy === undefined
      ? {}
      : { contentSecurityPolicy: options.contentSecurityPolicy }),
  })
  const server = app.listen(config.port, config.host)
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve)
    server.once('error', reject)
  })
  const { port } = server.address() as AddressInfo
  return {
    url: `http://localhost:${port}`,
    config,
    sessions: backend.description,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      })
      await backend.close()
      db.close()
    },
  }
}
