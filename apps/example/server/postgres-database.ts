import { postgresStore } from '@crumbs/server/stores/postgres'
import pg from 'pg'
import type { ExampleDatabase } from './example-database.js'
import type { ExampleLog } from './example-log.js'
import { postgresUserRows } from './postgres-user-rows.js'
import { StartupError } from './startup-error.js'
import { createUserDirectory } from './user-directory.js'

/** Seconds to wait for PostgreSQL at start-up (and for a connection later) before giving up. */
const CONNECT_TIMEOUT = 5

/**
 * Opens a pool on `DATABASE_URL` and the users table in it. Unqualified tables, so the
 * connection's search_path decides the schema (`?options=-c search_path=…` in the URL).
 */
export async function openPostgresDatabase(url: string, log: ExampleLog): Promise<ExampleDatabase> {
  const pool = new pg.Pool({
    connectionString: url,
    connectionTimeoutMillis: CONNECT_TIMEOUT * 1000,
  })
  // An idle client whose connection drops emits this; without a listener it would crash us.
  pool.on('error', (error: Error) => log.error('[example] postgres:', error.message))
  try {
    await pool.query('SELECT 1')
  } catch (error) {
    await pool.end()
    throw new StartupError(
      log.redact(
        `Cannot reach PostgreSQL at ${url} (${(error as Error).message}). Start it or unset DATABASE_URL to keep everything in SQLite.`,
      ),
      'DATABASE_URL',
    )
  }
  try {
    const { host, pathname } = new URL(url)
    return {
      users: await createUserDirectory(await postgresUserRows(pool)),
      // The store uses the pool and never ends it; cleanup of expired rows runs on its timer.
      openSessionStore: () => postgresStore({ pool }),
      throttleStore: { kind: 'postgres', pool },
      description: `PostgreSQL (${host}${pathname})`,
      close: () => pool.end(),
    }
  } catch (error) {
    await pool.end()
    throw error
  }
}
