import type { SessionOptions, SessionStore } from '@crumbs/server'
import { redisStore } from '@crumbs/server/stores/redis'
import { Cluster, Redis } from 'ioredis'
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
 * An ioredis `Cluster` seeded with `urls` (REDIS_CLUSTER_URLS, checked by loadConfig: same
 * scheme and credentials on every URL), connected, or a {@link StartupError} saying why not.
 */
async function connectCluster(
  urls: readonly string[],
  config: ExampleConfig,
  log: ExampleLog,
): Promise<Cluster> {
  const parsed = urls.map((url) => new URL(url))
  const first = parsed[0]!
  const client = new Cluster(
    parsed.map((url) => ({ host: url.hostname, port: Number(url.port || 6379) })),
    {
      lazyConnect: true,
      redisOptions: {
        connectTimeout: REDIS_CONNECT_TIMEOUT * 1000,
        maxRetriesPerRequest: 2,
        ...(first.username === '' ? {} : { username: decodeURIComponent(first.username) }),
        ...(first.password === '' ? {} : { password: decodeURIComponent(first.password) }),
        ...(first.protocol === 'rediss:' ? { tls: {} } : {}),
      },
    },
  )
  client.on('error', (error: Error) => log.error('[example] redis cluster:', error.message))
  let timer: NodeJS.Timeout | undefined
  try {
    // Cluster's connect() keeps retrying an unreachable seed list: bound it.
    await Promise.race([
      client.connect(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`no cluster answered within ${REDIS_CONNECT_TIMEOUT} s`)),
          REDIS_CONNECT_TIMEOUT * 1000,
        )
      }),
    ])
  } catch (error) {
    client.disconnect()
    throw new StartupError(
      log.redact(
        `Cannot reach the Redis Cluster at ${urls.join(',')} (${(error as Error).message}). Check that the nodes run with cluster-enabled yes and every slot is served (redis-cli --cluster check <node>), or unset REDIS_CLUSTER_URLS to keep sessions in ${config.databaseUrl === undefined ? 'SQLite' : 'PostgreSQL'}.`,
      ),
      'REDIS_CLUSTER_URLS',
    )
  } finally {
    clearTimeout(timer)
  }
  return client
}

/**
 * Picks where sessions live: cookie sessions for `SESSION_MODE=cookie`, Redis when `REDIS_URL`
 * is set, a Redis Cluster when `REDIS_CLUSTER_URLS` is, else the database that also holds the users (SQLite, or PostgreSQL with
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
  if (config.redisClusterUrls.length > 0) {
    const client = await connectCluster(config.redisClusterUrls, config, log)
    const hosts = config.redisClusterUrls.map((url) => new URL(url).host)
    return inMode(config, {
      store: redisStore({ client, prefix: 'crumbs-example:' }),
      description: `Redis Cluster (${hosts.join(', ')})`,
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
