import type { Database } from 'better-sqlite3'
import type { UserRows } from './user-directory.js'

/** The `users` table of the example's SQLite file, created when missing. */
export function sqliteUserRows(db: Database): UserRows {
  db.exec(`CREATE TABLE IF NOT EXISTS users (
    username TEXT PRIMARY KEY NOT NULL,
    password_hash TEXT NOT NULL,
    created_at INTEGER NOT NULL
  ) STRICT`)
  const find = db.prepare<[string], { password_hash: string }>(
    'SELECT password_hash FROM users WHERE username = ?',
  )
  const insert = db.prepare<[string, string, number]>(
    'INSERT OR IGNORE INTO users (username, password_hash, created_at) VALUES (?, ?, ?)',
  )
  return {
    find: async (username) => find.get(username)?.password_hash,
    insertIfMissing: async (username, passwordHash) => {
      insert.run(username, passwordHash, Math.floor(Date.now() / 1000))
    },
  }
}
