import type { Pool } from 'pg'
import type { UserRows } from './user-directory.js'

/** The example's users table in PostgreSQL (unqualified: the connection's search_path decides). */
export const POSTGRES_USERS_TABLE = 'example_users'

/**
 * The key of the advisory lock held while the table is created, so instances starting at once
 * do not race `CREATE TABLE IF NOT EXISTS` (which PostgreSQL does not make safe).
 */
const CREATE_LOCK = 0x6578_616d_706c

/**
 * The users in PostgreSQL, the table created on first start under an advisory lock: one simple
 * query is one implicit transaction, so the lock ends with it, even on an error.
 */
export async function postgresUserRows(pool: Pool): Promise<UserRows> {
  await pool.query(`SELECT pg_advisory_xact_lock(${CREATE_LOCK});
CREATE TABLE IF NOT EXISTS ${POSTGRES_USERS_TABLE} (
  username text COLLATE "C" PRIMARY KEY,
  password_hash text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT statement_timestamp()
)`)
  return {
    async find(username) {
      const { rows } = await pool.query<{ password_hash: string }>(
        `SELECT password_hash FROM ${POSTGRES_USERS_TABLE} WHERE username = $1`,
        [username],
      )
      return rows[0]?.password_hash
    },
    async insertIfMissing(username, passwordHash) {
      await pool.query(
        `INSERT INTO ${POSTGRES_USERS_TABLE} (username, password_hash) VALUES ($1, $2) ON CONFLICT (username) DO NOTHING`,
        [username, passwordHash],
      )
    },
  }
}
