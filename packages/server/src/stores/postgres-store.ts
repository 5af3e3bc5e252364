import {
  assertSessionId,
  CrumbsError,
  type SessionRecord,
  type SessionStore,
  type StoredSession,
  type StoreSetOptions,
  type StoreSetResult,
} from '@crumbs/core'
import { assertTtl, storeUnavailable } from '../internal/store-checks.js'
import {
  type PgPoolLike,
  type PostgresJsLike,
  type PostgresQueries,
  pgQueries,
  postgresJsQueries,
} from './postgres-client.js'
import {
  createTableScript,
  type PostgresTableOptions,
  sessionRelations,
  TABLE_EXISTS,
} from './postgres-schema.js'
import { sessionStatements, userIdColumn } from './postgres-statements.js'

export type { PgPoolLike, PostgresJsLike } from './postgres-client.js'
export type { PostgresTableOptions } from './postgres-schema.js'

/** Options of {@link postgresStore}: the app's own node-postgres `pool`, or postgres.js `sql`. */
export type PostgresStoreOptions = (
  | {
      /**
       * The app's node-postgres `Pool` (or a `Client`, which runs one query at a time). The
       * store never checks a client out and never ends the pool; attach your own `'error'`
       * listener, or an idle client whose connection drops crashes the process.
       */
      pool: PgPoolLike
      sql?: never
    }
  | {
      /** The app's postgres.js `sql` instance; the store never ends it. */
      sql: PostgresJsLike
      pool?: never
    }
) &
  PostgresTableOptions & {
    /**
     * Whether the store creates its table and indexes on first use when they are missing. Turn
     * it off when your migrations create them from {@link postgresStoreSchema}.
     * @default true
     */
    createTable?: boolean
    /** Seconds between cleanups that delete expired rows; `0` turns them off. @default 300 */
    cleanupInterval?: number
    /** Expired rows deleted per statement of a cleanup, so each one is short. @default 1000 */
    cleanupBatchSize?: number
  }

/** A session store with a cleanup that can also be run by hand. */
export interface PostgresSessionStore extends SessionStore {
  /**
   * Deletes expired rows now, in statements of at most `cleanupBatchSize` rows that skip rows a
   * request holds locked, and answers how many it deleted. When a cleanup is already running
   * (the store's own timer, or another call) it answers that one's count. For a cron job or
   * a test; expired rows count as absent whether or not a cleanup removed them.
   */
  cleanup(): Promise<number>
  /** Stops the cleanup timer, waits for a running cleanup, and refuses further calls. */
  close(): Promise<void>
}

const DEFAULTS = Object.freeze({
  table: 'crumbs_sessions',
  createTable: true,
  cleanupInterval: 300,
  cleanupBatchSize: 1000,
})

/**
 * The longest TTL stored as given, in seconds (about 317 years): past it a session never ends
 * in practice, and PostgreSQL's `timestamptz` would overflow.
 */
const MAX_TTL = 10_000_000_000

function invalid(option: string, expected: string): never {
  throw new CrumbsError('INVALID_OPTION', `postgresStore \`${option}\` must be ${expected}.`, {
    details: { option },
  })
}

function resolveOptions(options: PostgresStoreOptions) {
  if (typeof options !== 'object' || options === null) invalid('options', 'an object')
  const { pool, sql } = options
  if ((pool === undefined) === (sql === undefined))
    invalid('options', 'given exactly one of `pool` and `sql`')
  if (pool !== undefined && typeof pool?.query !== 'function')
    invalid('pool', 'a node-postgres Pool or Client')
  if (sql !== undefined && typeof sql?.unsafe !== 'function')
    invalid('sql', 'a postgres.js sql instance')
  const createTable = options.createTable ?? DEFAULTS.createTable
  if (typeof createTable !== 'boolean') invalid('createTable', 'a boolean')
  const cleanupInterval = options.cleanupInterval ?? DEFAULTS.cleanupInterval
  if (!Number.isInteger(cleanupInterval) || cleanupInterval < 0)
    invalid('cleanupInterval', 'a whole number of seconds')
  const cleanupBatchSize = options.cleanupBatchSize ?? DEFAULTS.cleanupBatchSize
  if (!Number.isInteger(cleanupBatchSize) || cleanupBatchSize < 1)
    invalid('cleanupBatchSize', 'a whole number above 0')
  return Object.freeze({
    queries: pool === undefined ? postgresJsQueries(sql!) : pgQueries(pool),
    relations: sessionRelations('postgresStore', {
      table: options.table ?? DEFAULTS.table,
      ...(options.schema === undefined ? {} : { schema: options.schema }),
    }),
    createTable,
    cleanupInterval,
    cleanupBatchSize,
  })
}

/**
 * Sessions in PostgreSQL, through the app's own node-postgres `Pool` or postgres.js `sql`: for
 * teams that already run PostgreSQL, shared by every app instance. One table (created on first
 * use under an advisory lock, or by your migrations from {@link postgresStoreSchema}); every
 * versioned write is one `INSERT … ON CONFLICT … DO UPDATE … WHERE … RETURNING` or `UPDATE …
 * WHERE version = … RETURNING` statement; expiry is judged by the database's clock; a periodic
 * cleanup on an unref'd timer deletes expired rows in short batches that skip locked rows.
 * See docs/architecture/postgres-store.md.
 *
 * Any driver error, including an unreachable server, rejects with `STORE_UNAVAILABLE` and the
 * driver's error as `cause`; the engine bounds every call with its `storeTimeout`.
 *
 * @example
 * import express from 'express'
 * import pg from 'pg'
 * import { session } from '@crumbs/server/express'
 * import { postgresStore } from '@crumbs/server/stores/postgres'
 *
 * const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL })
 * pool.on('error', (error) => console.error('postgres', error))
 * const app = express()
 * app.use(session({ secret: process.env.SECRET_KEY!, store: postgresStore({ pool }), userKey: 'userId' }))
 *
 * @example
 * // postgres.js, a table in the `auth` schema, and a cleanup run by cron instead of a timer:
 * import postgres from 'postgres'
 * import { postgresStore } from '@crumbs/server/stores/postgres'
 *
 * const sql = postgres(process.env.DATABASE_URL!)
 * const store = postgresStore({ sql, schema: 'auth', cleanupInterval: 0 })
 * const deleted = await store.cleanup()
 */
export function postgresStore(options: PostgresStoreOptions): PostgresSessionStore {
  const { queries, relations, createTable, cleanupInterval, cleanupBatchSize } =
    resolveOptions(options)
  const statements = sessionStatements(relations)

  let prepared: Promise<PostgresQueries> | undefined
  let timer: ReturnType<typeof setInterval> | undefined
  let running: Promise<number> | undefined
  let closed = false

  const prepare = async (): Promise<PostgresQueries> => {
    if (createTable) {
      const [row] = await queries.rows(TABLE_EXISTS, relations.all)
      if (row?.[0] !== true) await queries.script(createTableScript(relations))
    }
    if (cleanupInterval > 0 && !closed) {
      timer = setInterval(() => {
        cleanup().catch((error: unknown) => {
          // Housekeeping only: reads already refuse expired rows, so report and go on.
          globalThis.process?.emitWarning?.(storeUnavailable('postgres', 'cleanup', error))
        })
      }, cleanupInterval * 1000)
      timer.unref?.()
    }
    return queries
  }

  // The table is looked for (and created) on the first call, so creating the store does no
  // I/O; a failed attempt is retried by the next call.
  const ready = (): Promise<PostgresQueries> => {
    if (closed) {
      return Promise.reject(
        new CrumbsError('STORE_CLOSED', 'The PostgreSQL session store was used after close().', {
          details: { store: 'postgres' },
        }),
      )
    }
    prepared ??= prepare().catch((error: unknown) => {
      prepared = undefined
      throw error
    })
    return prepared
  }

  async function run<T>(operation: string, fn: (q: PostgresQueries) => Promise<T>): Promise<T> {
    try {
      return await fn(await ready())
    } catch (error) {
      throw storeUnavailable('postgres', operation, error)
    }
  }

  const count = (rows: unknown[][]): number => Number(rows[0]?.[0] ?? 0)

  async function cleanupBatches(q: PostgresQueries): Promise<number> {
    let total = 0
    for (;;) {
      const deleted = count(await q.rows(statements.cleanup, [cleanupBatchSize]))
      total += deleted
      // A short batch means nothing expired is left that no request holds.
      if (deleted < cleanupBatchSize || closed) return total
    }
  }

  function cleanup(): Promise<number> {
    running ??= run('cleanup', cleanupBatches).finally(() => {
      running = undefined
    })
    return running
  }

  const writeStatement = (expectedVersion: number | null | undefined): string =>
    expectedVersion === undefined
      ? statements.upsert
      : expectedVersion === null
        ? statements.insertIfAbsent
        : statements.updateIfVersion

  return {
    async get(id: string): Promise<StoredSession | undefined> {
      assertSessionId(id)
      return run('get', async (q) => {
        const [row] = await q.rows(statements.get, [id])
        if (row === undefined) return undefined
        return {
          record: JSON.parse(row[0] as string) as SessionRecord,
          version: Number(row[1]),
          expiresAt: Number(row[2]),
        }
      })
    },

    async set(
      id: string,
      record: SessionRecord,
      { ttl, expectedVersion }: StoreSetOptions,
    ): Promise<StoreSetResult> {
      assertSessionId(id)
      assertTtl(ttl)
      const json = JSON.stringify(record)
      return run('set', async (q) => {
        const user = record.userId === undefined ? null : userIdColumn(record.userId)
        const values = [id, json, Math.min(ttl, MAX_TTL), user]
        if (typeof expectedVersion === 'number') values.push(expectedVersion)
        const [row] = await q.rows(writeStatement(expectedVersion), values)
        return row === undefined
          ? { ok: false, reason: 'conflict' }
          : { ok: true, version: Number(row[0]) }
      })
    },

    async touch(id: string, ttl: number): Promise<void> {
      assertSessionId(id)
      assertTtl(ttl)
      await run('touch', (q) => q.rows(statements.touch, [id, Math.min(ttl, MAX_TTL)]))
    },

    async delete(id: string): Promise<void> {
      assertSessionId(id)
      await run('delete', (q) => q.rows(statements.delete, [id]))
    },

    async listUserSessions(userId: string): Promise<string[]> {
      return run('listUserSessions', async (q) =>
        (await q.rows(statements.listUser, [userIdColumn(userId)])).map((row) => String(row[0])),
      )
    },

    async deleteUserSessions(userId: string): Promise<number> {
      return run('deleteUserSessions', async (q) =>
        count(await q.rows(statements.deleteUser, [userIdColumn(userId)])),
      )
    },

    cleanup,

    async close(): Promise<void> {
      if (closed) return
      closed = true
      clearInterval(timer)
      timer = undefined
      await running?.catch(() => undefined)
    },
  }
}
