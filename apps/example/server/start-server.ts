import type { AddressInfo } from 'node:net'
import type { RequestHandler } from 'express'
import { createApp } from './create-app.js'
import { provideDemoUsers } from './demo-users.js'
import type { ExampleDatabase } from './example-database.js'
import { createExampleLog, type ExampleLog } from './example-log.js'
import { type ExampleConfig, loadConfig } from './load-config.js'
import { createLoginGuard } from './login-guard.js'
import { createLoginThrottle, type LoginThrottle } from './login-throttle.js'
import type { PageAssets } from './page-assets.js'
import { openPostgresDatabase } from './postgres-database.js'
import { resolveSecretKey } from './resolve-secret-key.js'
import { createSessionBackend, type SessionBackend } from './session-backend.js'
import { openSqliteDatabase } from './sqlite-database.js'

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
  /** Where sessions live, like `SQLite (example.db)`. */
  readonly sessions: string
  /** Stops accepting requests, then closes the session store and the database. */
  close(): Promise<void>
}

/** What the server keeps its state in; opened together, closed together. */
interface Storage {
  readonly database: ExampleDatabase
  readonly backend: SessionBackend
  readonly throttle: LoginThrottle
}

/** The users' database, the sessions' backend and the login throttle, or nothing left open. */
async function openStorage(config: ExampleConfig, log: ExampleLog): Promise<Storage> {
  const database =
    config.databaseUrl === undefined
      ? await openSqliteDatabase(config)
      : await openPostgresDatabase(config.databaseUrl, log)
  try {
    await provideDemoUsers(database.users, config.seedDemoUsers)
    const backend = await createSessionBackend(config, database, log)
    try {
      return { database, backend, throttle: await createLoginThrottle(backend.throttleStore) }
    } catch (error) {
      await backend.close()
      throw error
    }
  } catch (error) {
    await database.close()
    throw error
  }
}

/**
 * Reads the environment, opens the database (SQLite, or PostgreSQL with `DATABASE_URL`), seeds
 * the demo users (outside production, or with `SEED_DEMO_USERS=1`), picks the session backend,
 * opens the login throttle beside the sessions and listens. Throws a `StartupError` on a configuration mistake.
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
  const { database, backend, throttle } = await openStorage(config, log)
  const closeStorage = async () => {
    await throttle.close()
    await backend.close()
    await database.close()
  }

  const app = createApp({
    logins: createLoginGuard({ users: database.users, throttle }),
    // The newest signs; the fallbacks still verify, and a session they verify is re-issued.
    session: { secret: [secret, ...config.secretKeyFallbacks], ...backend.options },
    sessions: backend.description,
    sessionsExplained: backend.explanation,
    assets: options.assets,
    demoUsers: config.seedDemoUsers,
    log,
    trustProxy: config.trustProxy,
    ...(options.staticDir === undefined ? {} : { staticDir: options.staticDir }),
    ...(options.before === undefined ? {} : { before: options.before }),
    ...(options.contentSecurityPolicy === undefined
      ? {}
      : { contentSecurityPolicy: options.contentSecurityPolicy }),
  })
  const server = app.listen(config.port, config.host)
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('listening', resolve)
      server.once('error', reject)
    })
  } catch (error) {
    await closeStorage()
    throw error
  }
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
      await closeStorage()
    },
  }
}
