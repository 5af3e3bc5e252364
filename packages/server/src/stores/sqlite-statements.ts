/** The part of a better-sqlite3 `Statement` the SQLite store uses. */
export interface SqliteStatement {
  run(...params: unknown[]): { changes: number }
  get(...params: unknown[]): unknown
  all(...params: unknown[]): unknown[]
}

/**
 * The part of a better-sqlite3 (12.x) `Database` the SQLite store uses, described by shape so
 * that no driver is bundled.
 */
export interface SqliteDatabase {
  prepare(source: string): SqliteStatement
  exec(source: string): unknown
  close(): unknown
}

/**
 * Creates the session table and its indexes when missing, switches the database to WAL, and
 * prepares every statement the store runs. Times are Unix epoch milliseconds; a row whose
 * `expires_at` has passed counts as absent everywhere, whether or not a sweep removed it yet.
 */
export function sessionTable(db: SqliteDatabase, table: string) {
  const t = `"${table}"`
  // WAL lets readers proceed while one writer commits; a `:memory:` database answers 'memory'.
  db.exec('PRAGMA journal_mode = WAL')
  db.exec(`
    CREATE TABLE IF NOT EXISTS ${t} (
      id TEXT PRIMARY KEY NOT NULL,
      record TEXT NOT NULL,
      version INTEGER NOT NULL,
      expires_at INTEGER NOT NULL,
      user_id TEXT
    ) WITHOUT ROWID;
    CREATE INDEX IF NOT EXISTS "${table}_user_id" ON ${t} (user_id) WHERE user_id IS NOT NULL;
    CREATE INDEX IF NOT EXISTS "${table}_expires_at" ON ${t} (expires_at);
  `)
  const columns = `(id, record, version, expires_at, user_id) VALUES (@id, @record, 1, @expiresAt, @userId)`
  const replace =
    'record = excluded.record, expires_at = excluded.expires_at, user_id = excluded.user_id'
  return {
    db,
    get: db.prepare(`SELECT record, version, expires_at FROM ${t} WHERE id = ?`),
    deleteExpired: db.prepare(`DELETE FROM ${t} WHERE id = ? AND expires_at <= ?`),
    // Each write is one statement, so the version check and the write cannot be separated.
    upsert: db.prepare(
      `INSERT INTO ${t} ${columns} ON CONFLICT (id) DO UPDATE SET ${replace},
        version = CASE WHEN ${t}.expires_at > @now THEN ${t}.version + 1 ELSE 1 END
        RETURNING version`,
    ),
    insertIfAbsent: db.prepare(
      `INSERT INTO ${t} ${columns} ON CONFLICT (id) DO UPDATE SET ${replace}, version = 1
        WHERE ${t}.expires_at <= @now
        RETURNING version`,
    ),
    updateIfVersion: db.prepare(
      `UPDATE ${t} SET record = @record, expires_at = @expiresAt, user_id = @userId, version = version + 1
        WHERE id = @id AND version = @expected AND expires_at > @now
        RETURNING version`,
    ),
    touch: db.prepare(
      `UPDATE ${t} SET expires_at = @expiresAt WHERE id = @id AND expires_at > @now`,
    ),
    delete: db.prepare(`DELETE FROM ${t} WHERE id = ?`),
    listUser: db.prepare(`SELECT id FROM ${t} WHERE user_id = ? AND expires_at > ? ORDER BY id`),
    deleteUser: db.prepare(`DELETE FROM ${t} WHERE user_id = ? AND expires_at > ?`),
    sweep: db.prepare(
      `DELETE FROM ${t} WHERE id IN (SELECT id FROM ${t} WHERE expires_at <= ? ORDER BY expires_at LIMIT ?)`,
    ),
  }
}

/** The prepared statements of one session table. */
export type SessionTable = ReturnType<typeof sessionTable>
