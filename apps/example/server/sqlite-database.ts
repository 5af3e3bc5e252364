import { basename, dirname } from 'node:path'
import { sqliteStore } from '@crumbs/server/stores/sqlite'
import Database from 'better-sqlite3'
import type { ExampleDatabase } from './example-database.js'
import type { ExampleConfig } from './load-config.js'
import { ensurePrivateDir, ensurePrivateFile, tightenSqliteCompanions } from './private-files.js'
import { sqliteUserRows } from './sqlite-user-rows.js'
import { createUserDirectory } from './user-directory.js'

/**
 * Opens the SQLite file at `DATABASE_PATH` (the embedded default), readable by its owner only,
 * with its users table.
 */
export async function openSqliteDatabase(config: ExampleConfig): Promise<ExampleDatabase> {
  const path = config.databasePath
  const dir = dirname(path)
  ensurePrivateDir(dir, dir === config.dataDir)
  ensurePrivateFile(path)
  tightenSqliteCompanions(path)
  const db = new Database(path)
  try {
    db.pragma('journal_mode = WAL')
    // Two instances sharing the file (the Redis demo) wait for each other instead of failing.
    db.pragma('busy_timeout = 5000')
    return {
      users: await createUserDirectory(sqliteUserRows(db)),
      openSessionStore: () => sqliteStore({ db }),
      throttleStore: { kind: 'sqlite', db },
      description: `SQLite (${basename(path)})`,
      close: async () => {
        db.close()
      },
    }
  } catch (error) {
    db.close()
    throw error
  }
}
