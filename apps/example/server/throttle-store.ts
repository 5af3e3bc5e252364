import type { Database } from 'better-sqlite3'
import type { Cluster, Redis } from 'ioredis'
import type { Pool } from 'pg'
import {
  type RateLimiterAbstract,
  RateLimiterMemory,
  RateLimiterPostgres,
  RateLimiterRedis,
  RateLimiterSQLite,
} from 'rate-limiter-flexible'

/** Where the login throttle keeps its counters: with the sessions, so they outlive restarts. */
export type ThrottleStore =
  | { readonly kind: 'sqlite'; readonly db: Database }
  | { readonly kind: 'postgres'; readonly pool: Pool }
  /** One Redis, or a Cluster: every counter operation touches one key, so one slot. */
  | { readonly kind: 'redis'; readonly client: Redis | Cluster }
  /** One process, gone on restart: for tests. */
  | { readonly kind: 'memory' }

/** One counter's settings: what rate-limiter-flexible calls points, duration and key prefix. */
export interface CounterOptions {
  /** Failures counted before a block. */
  readonly points: number
  /** Seconds a count is kept, from its first failure. */
  readonly duration: number
  /** Tells this counter's keys from the others' in the shared table or keyspace. */
  readonly keyPrefix: string
}

/** The counters of one store, and how to sweep and let go of them. */
export interface ThrottleCounters {
  readonly counters: readonly RateLimiterAbstract[]
  /** Deletes rows that expired over an hour ago (SQL stores); Redis and memory expire keys. */
  sweep(): Promise<void>
}

/** The table both counters share in SQLite. */
export const SQLITE_THROTTLE_TABLE = 'login_throttle'
/** The table both counters share in PostgreSQL (unqualified: search_path decides the schema). */
export const POSTGRES_THROTTLE_TABLE = 'example_login_throttle'
/** Key prefix in Redis, beside the sessions' `crumbs-example:`. */
const REDIS_PREFIX = 'crumbs-example:'

/** `clearExpired`: on rate-limiter-flexible's SQL limiters, though its types leave it out. */
interface Sweepable {
  clearExpired(expire: number): Promise<void>
}

const HOUR = 3_600_000

/**
 * Waits for a SQL limiter's table: the library creates it from the constructor and reports
 * through a callback, sometimes before the constructor has returned.
 */
async function created<T>(make: (ready: (error?: Error) => void) => T): Promise<T> {
  let done!: (error?: Error) => void
  const ready = new Promise<void>((resolve, reject) => {
    done = (error) => (error ? reject(error) : resolve())
  })
  const limiter = make((error) => done(error))
  await ready
  return limiter
}

/**
 * Opens one rate-limiter-flexible counter per entry of `options` on `store`. SQLite and
 * PostgreSQL counters share one table (created when missing); their expired rows are swept by
 * {@link ThrottleCounters.sweep}, not by the library's own timer, which cannot be stopped.
 */
export async function openThrottleCounters(
  store: ThrottleStore,
  options: readonly CounterOptions[],
): Promise<ThrottleCounters> {
  switch (store.kind) {
    case 'memory':
      return { counters: options.map((o) => new RateLimiterMemory(o)), sweep: async () => {} }
    case 'redis':
      return {
        counters: options.map(
          (o) =>
            new RateLimiterRedis({
              ...o,
              keyPrefix: REDIS_PREFIX + o.keyPrefix,
              storeClient: store.client,
              // While Redis is down, fail at once (a 503) rather than queue behind reconnects.
              rejectIfRedisNotReady: true,
            }),
        ),
        sweep: async () => {},
      }
    case 'sqlite': {
      const counters: RateLimiterSQLite[] = []
      for (const o of options) {
        const shared = { tableName: SQLITE_THROTTLE_TABLE, clearExpiredByTimeout: false }
        counters.push(
          await created(
            (ready) =>
              new RateLimiterSQLite(
                { ...o, ...shared, storeClient: store.db, storeType: 'better-sqlite3' },
                ready,
              ),
          ),
        )
      }
      const sweeper = counters[0] as unknown as Sweepable | undefined
      return { counters, sweep: async () => sweeper?.clearExpired(Date.now() - HOUR) }
    }
    case 'postgres': {
      const counters: RateLimiterPostgres[] = []
      // One after the other: concurrent CREATE TABLE IF NOT EXISTS is not safe in PostgreSQL
      // (the library also tolerates another instance winning that race).
      for (const o of options) {
        const shared = { tableName: POSTGRES_THROTTLE_TABLE, clearExpiredByTimeout: false }
        counters.push(
          await created(
            (ready) =>
              new RateLimiterPostgres(
                { ...o, ...shared, storeClient: store.pool, storeType: 'pool' },
                ready,
              ),
          ),
        )
      }
      const sweeper = counters[0] as unknown as Sweepable | undefined
      return { counters, sweep: async () => sweeper?.clearExpired(Date.now() - HOUR) }
    }
  }
}
