import {
  assertSessionId,
  CrumbsError,
  type MaybePromise,
  type MaybeSyncSessionStore,
  type SessionRecord,
  type SessionStore,
  type StoredSession,
  type StoreSetOptions,
  type StoreSetResult,
} from '@crumbs/core'
import { assertTtl, storeUnavailable } from '../internal/store-checks.js'
import { type SessionTable, type SqliteDatabase, sessionTable } from './sqlite-statements.js'

export type { SqliteDatabase, SqliteStatement } from './sqlite-statements.js'

/** Options of {@link sqliteStore}: the user's own `db`, or a `path` the store opens itself. */
export type SqliteStoreOptions = (
  | {
      /** An open better-sqlite3 `Database` (12.x); the store never closes it. */
      db: SqliteDatabase
      path?: never
    }
  | {
      /** A database file to open with better-sqlite3, created when missing; `close()` closes it. */
      path: string
      db?: never
    }
) & {
  /** The table holding the sessions, created when missing. @default 'crumbs_sessions' */
  table?: string
  /** Seconds between sweeps that delete expired rows; `0` turns sweeping off. @default 300 */
  cleanupInterval?: number
}

/** A session store that also releases what it opened. */
export interface SqliteSessionStore extends SessionStore {
  /** Stops the expiry sweep and, when the store opened the file from `path`, closes it. */
  close(): Promise<void>
}

interface Row {
  record: string
  version: number
  expires_at: number
}

/** Expired rows deleted per statement, so a sweep never holds the write lock for long. */
const SWEEP_BATCH = 500

function invalid(option: string, expected: string): never {
  throw new CrumbsError('INVALID_OPTION', `sqliteStore \`${option}\` must be ${expected}.`, {
    details: { option },
  })
}

/**
 * Sessions in a SQLite file through better-sqlite3 12.x: the embedded default for one machine.
 * It survives restarts, runs in WAL mode so readers never wait for the writer, makes every
 * versioned write a single statement (atomic without a transaction), forgets expired rows on
 * read and in a periodic sweep (an unref'd timer; one short batch at a time, yielding to requests
 * in between), and indexes sessions by user.
 *
 * @example
 * import { sqliteStore } from '@crumbs/server/stores/sqlite'
 * const store = sqliteStore({ path: 'var/sessions.db' })
 * app.use(session({ secret: process.env.SECRET_KEY!, store, userKey: 'userId' }))
 *
 * @example
 * // Share the app's own connection (the store never closes it):
 * import Database from 'better-sqlite3'
 * const store = sqliteStore({ db: new Database('var/app.db') })
 */
export function sqliteStore(options: SqliteStoreOptions): SqliteSessionStore {
  if (typeof options !== 'object' || options === null) invalid('options', 'an object')
  const { db: given, path } = options
  if ((given === undefined) === (path === undefined))
    invalid('options', 'given exactly one of `db` and `path`')
  if (
    given !== undefined &&
    (typeof given.prepare !== 'function' || typeof given.exec !== 'function')
  ) {
    invalid('db', 'a better-sqlite3 Database')
  }
  if (path !== undefined && (typeof path !== 'string' || path === ''))
    invalid('path', 'a file path')
  const table = options.table ?? 'crumbs_sessions'
  if (typeof table !== 'string' || !/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(table)) {
    invalid('table', 'an SQL identifier (letters, digits, underscores)')
  }
  const interval = options.cleanupInterval ?? 300
  if (!Number.isInteger(interval) || interval < 0)
    invalid('cleanupInterval', 'a whole number of seconds')

  let opened: Promise<SessionTable> | undefined
  /** The statements once the database is open: from then on every call answers at once. */
  let ready: SessionTable | undefined
  let timer: ReturnType<typeof setInterval> | undefined
  let closed = false

  const open = async (): Promise<SessionTable> => {
    const db = given ?? (await openFile(path!))
    try {
      const statements = sessionTable(db, table)
      if (interval > 0) {
        timer = setInterval(() => sweep(statements), interval * 1000)
        timer.unref?.()
      }
      ready = statements
      return statements
    } catch (error) {
      if (given === undefined) db.close()
      throw error
    }
  }

  // Opening (and for `path`, importing the driver) waits for the first call, so creating the
  // store stays synchronous; a failed open is retried by the next call.
  const statements = (): Promise<SessionTable> => {
    if (closed) {
      return Promise.reject(
        new CrumbsError('STORE_CLOSED', 'The SQLite session store was used after close().', {
          details: { store: 'sqlite' },
        }),
      )
    }
    opened ??= open().catch((error: unknown) => {
      opened = undefined
      throw error
    })
    return opened
  }

  let sweeping = false
  // One batch, then the next after the event loop's pending work: better-sqlite3 is synchronous,
  // so deleting a million expired rows in one loop would stall every request for seconds.
  const sweep = (s: SessionTable): void => {
    if (sweeping) return
    sweeping = true
    const batch = (): void => {
      try {
        if (!closed && s.sweep.run(Date.now(), SWEEP_BATCH).changes === SWEEP_BATCH) {
          setImmediate(batch)
          return
        }
      } catch (error) {
        // The sweep is housekeeping: reads still refuse expired rows, so report and go on.
        globalThis.process?.emitWarning?.(storeUnavailable('sqlite', 'sweep', error))
      }
      sweeping = false
    }
    batch()
  }

  async function run<T>(operation: string, fn: (s: SessionTable) => T): Promise<T> {
    try {
      return fn(await statements())
    } catch (error) {
      throw storeUnavailable('sqlite', operation, error)
    }
  }

  /** `fn` at once when the database is open (better-sqlite3 is synchronous), else after it opens. */
  function runMaybeSync<T>(operation: string, fn: (s: SessionTable) => T): MaybePromise<T> {
    if (ready === undefined || closed) return run(operation, fn)
    try {
      return fn(ready)
    } catch (error) {
      throw storeUnavailable('sqlite', operation, error)
    }
  }

  const readRow = (s: SessionTable, id: string): StoredSession | undefined => {
    const now = Date.now()
    const row = s.get.get(id) as Row | undefined
    if (row === undefined) return undefined
    if (row.expires_at <= now) {
      s.deleteExpired.run(id, now)
      return undefined
    }
    return {
      record: JSON.parse(row.record) as SessionRecord,
      version: row.version,
      expiresAt: Math.floor(row.expires_at / 1000),
    }
  }

  const writeRow = (
    s: SessionTable,
    id: string,
    json: string,
    record: SessionRecord,
    { ttl, expectedVersion }: StoreSetOptions,
  ): StoreSetResult => {
    const now = Date.now()
    const params = {
      id,
      record: json,
      expiresAt: now + Math.ceil(ttl * 1000),
      userId: record.userId ?? null,
      now,
    }
    const row = (
      expectedVersion === undefined
        ? s.upsert.get(params)
        : expectedVersion === null
          ? s.insertIfAbsent.get(params)
          : s.updateIfVersion.get({ ...params, expected: expectedVersion })
    ) as { version: number } | undefined
    return row === undefined
      ? { ok: false, reason: 'conflict' }
      : { ok: true, version: row.version }
  }

  const touchRow = (s: SessionTable, id: string, ttl: number): void => {
    const now = Date.now()
    s.touch.run({ id, expiresAt: now + Math.ceil(ttl * 1000), now })
  }

  const maybeSync: MaybeSyncSessionStore = {
    get owner(): SessionStore {
      return store
    },
    get(id: string): MaybePromise<StoredSession | undefined> {
      assertSessionId(id)
      return runMaybeSync('get', (s) => readRow(s, id))
    },
    set(id: string, record: SessionRecord, options: StoreSetOptions): MaybePromise<StoreSetResult> {
      assertSessionId(id)
      assertTtl(options.ttl)
      const json = JSON.stringify(record)
      return runMaybeSync('set', (s) => writeRow(s, id, json, record, options))
    },
    touch(id: string, ttl: number): MaybePromise<void> {
      assertSessionId(id)
      assertTtl(ttl)
      return runMaybeSync('touch', (s) => touchRow(s, id, ttl))
    },
    delete(id: string): MaybePromise<void> {
      assertSessionId(id)
      return runMaybeSync('delete', (s) => {
        s.delete.run(id)
      })
    },
  }

  const store: SqliteSessionStore = {
    maybeSync,
    get: async (id) => maybeSync.get(id),
    set: async (id, record, options) => maybeSync.set(id, record, options),
    touch: async (id, ttl) => maybeSync.touch(id, ttl),
    delete: async (id) => maybeSync.delete(id),

    async listUserSessions(userId: string): Promise<string[]> {
      return run('listUserSessions', (s) =>
        (s.listUser.all(userId, Date.now()) as { id: string }[]).map((r) => r.id),
      )
    },

    async deleteUserSessions(userId: string): Promise<number> {
      return run('deleteUserSessions', (s) => s.deleteUser.run(userId, Date.now()).changes)
    },

    async close(): Promise<void> {
      if (closed) return
      closed = true
      clearInterval(timer)
      const pending = opened
      opened = undefined
      ready = undefined
      if (pending === undefined || given !== undefined) return
      const s = await pending.catch(() => undefined)
      s?.db.close()
    },
  }
  return store
}

/** Opens `path` with better-sqlite3, imported only now so that it stays an optional peer. */
async function openFile(path: string): Promise<SqliteDatabase> {
  let Database: new (filename: string) => SqliteDatabase
  try {
    Database = (await import('better-sqlite3')).default as unknown as typeof Database
  } catch (cause) {
    throw new CrumbsError(
      'INVALID_OPTION',
      'sqliteStore({ path }) needs better-sqlite3 12: `pnpm add better-sqlite3`.',
      {
        cause,
        details: { option: 'path' },
      },
    )
  }
  const db = new Database(path)
  try {
    // NORMAL is durable across an app crash in WAL mode; only an OS crash can lose the last commit.
    db.exec('PRAGMA synchronous = NORMAL')
  } catch (error) {
    db.close()
    throw error
  }
  return db
}
