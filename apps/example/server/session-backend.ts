import type { SessionOptions, SessionStore } from '@crumbs/server'
import { redisStore } from '@crumbs/server/stores/redis'
import { Redis } from 'ioredis'
import type { ExampleDatabase } from './example-database.js'
import type { ExampleLog } from './example-log.js'
import type { ExampleConfig, SessionFormat } from './load-config.js'
import { StartupError } from './startup-error.js'
import type { ThrottleStore } from './throttle-store.js'

/** The session options the configuration picked, and how to release what it opened. */
export interface SessionBackend {
  /**
   * `store`, or `format` and `revocation` for cookie sessions: spread into the session
   * middleware's options.
   */
  readonly options: Pick<SessionOptions, 'store' | 'format' | 'revocation' | 'userKey'>
  /** Where sessions live, for the start-up banner, like `SQLite (example.db)`; no credential. */
  readonly description: string
  /** One sentence for the welcome page on what the browser's cookie holds. */
  readonly explanation: string
  /**
   * Where the login throttle counts failures: with the store sessions (Redis, or the database),
   * and in the users' database for cookie sessions.
   */
  readonly throttleStore: ThrottleStore
  close(): Promise<void>
}

const STORE_EXPLANATION =
  'Your browser holds only a signed session id, in an HttpOnly, SameSite=Lax cookie; logging out deletes the session here.'

const COOKIE_EXPLANATIONS: Record<SessionFormat, string> = {
  sealed:
    'The session travels in an HttpOnly cookie sealed with AES-256-GCM: the browser carries it but cannot read or change it; logging out revokes it here.',
  signed:
    'The session travels in an HttpOnly cookie as signed JSON: readable, but any change breaks the signature; logging out revokes it here.',
  flask:
    "The session travels in an HttpOnly cookie in Flask's own format: a Flask app with the same SECRET_KEY shares this login; logging out revokes it here.",
}

/** Seconds to wait for Redis at start-up before refusing to start. */
const REDIS_CONNECT_TIMEOUT = 5

/**
 * Picks where sessions live: cookie sessions for `SESSION_MODE=cookie`, Redis when `REDIS_URL`
 * is set, else the database that also holds the users (SQLite, or PostgreSQL with
 * `DATABASE_URL`).
 */
export async function createSessionBackend(
  config: ExampleConfig,
  database: ExampleDatabase,
  log: ExampleLog,
): Promise<SessionBackend> {
  if (config.redisUrl !== undefined) {
    const client = new Redis(config.redisUrl, {
      connectTimeout: REDIS_CONNECT_TIMEOUT * 1000,
      maxRetriesPerRequest: 2,
      lazyConnect: true,
    })
    // While Redis is down, requests get STORE_UNAVAILABLE (503); log the driver's reason.
    client.on('error', (error: Error) => log.error('[example] redis:', error.message))
    try {
      // Fail at start-up, not on the first request, when Redis is unreachable.
      await client.connect()
    } catch (error) {
      client.disconnect()
      throw new StartupError(
        log.redact(
          `Cannot reach Redis at ${config.redisUrl} (${(error as Error).message}). Start Redis or unset REDIS_URL to keep sessions in ${config.databaseUrl === undefined ? 'SQLite' : 'PostgreSQL'}.`,
        ),
        'REDIS_URL',
      )
    }
    return inMode(config, {
      store: redisStore({ client, prefix: 'crumbs-example:' }),
      description: `Redis (${new URL(config.redisUrl).host})`,
      throttleStore: { kind: 'redis', client },
      close: async () => {
        await client.quit()
      },
    })
  }
  const store = database.openSessionStore()
  return inMode(config, {
    store,
    description: database.description,
    throttleStore: database.throttleStore,
    close: () => store.close(),
  })
}

/** The store the configuration opened, as store sessions or as cookie sessions' revocations. */
function inMode(
  config: ExampleConfig,
  opened: Omit<SessionBackend, 'options' | 'explanation'> & { store: SessionStore },
): SessionBackend {
  const { store, ...rest } = opened
  if (config.sessionMode === 'cookie') {
    // Cookie sessions, made revocable: the store keeps which logins ended, so a cookie copied
    // before a logout stops working (issue 11).
    return {
      ...rest,
      options: { format: config.sessionFormat, revocation: store, userKey: 'username' },
      description: `${config.sessionFormat} cookies (logouts kept in ${rest.description})`,
      explanation: COOKIE_EXPLANATIONS[config.sessionFormat],
    }
  }
  return { ...rest, options: { store, userKey: 'username' }, explanation: STORE_EXPLANATION }
}
