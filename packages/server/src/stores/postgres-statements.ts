import type { SessionRelations } from './postgres-schema.js'

/**
 * Every statement the PostgreSQL store runs on one table. Times come from the database's clock
 * (`statement_timestamp()`, one instant per statement), so app servers whose clocks disagree
 * still agree on which sessions are live; a row whose `expires_at` has passed counts as absent
 * everywhere, whether or not a cleanup removed it yet. Each versioned write is one statement, so
 * the version check and the write cannot be separated.
 *
 * Parameters of the writes: $1 id, $2 record (JSON text), $3 TTL in seconds, $4 user id
 * (see {@link userIdColumn}), and for `updateIfVersion` $5 the expected version.
 */
export function sessionStatements({ table: t }: SessionRelations) {
  const now = 'statement_timestamp()'
  const expiry = `${now} + make_interval(secs => $3::float8)`
  const insert = `INSERT INTO ${t} AS s (id, record, version, expires_at, user_id)
    VALUES ($1, $2::text::json, 1, ${expiry}, $4)
    ON CONFLICT (id) DO UPDATE
    SET record = excluded.record, expires_at = excluded.expires_at, user_id = excluded.user_id`
  return {
    get: `SELECT record::text, version, floor(extract(epoch FROM expires_at))::float8
      FROM ${t} WHERE id = $1 AND expires_at > ${now}`,
    upsert: `${insert},
      version = CASE WHEN s.expires_at > ${now} THEN s.version + 1 ELSE 1 END
      RETURNING version`,
    // ON CONFLICT locks the existing row and checks the WHERE on its newest version.
    insertIfAbsent: `${insert}, version = 1
      WHERE s.expires_at <= ${now}
      RETURNING version`,
    // Under READ COMMITTED, a row updated meanwhile is checked again in its newest version.
    updateIfVersion: `UPDATE ${t}
      SET record = $2::text::json, expires_at = ${expiry}, user_id = $4, version = version + 1
      WHERE id = $1 AND version = $5::float8 AND expires_at > ${now}
      RETURNING version`,
    touch: `UPDATE ${t} SET expires_at = ${now} + make_interval(secs => $2::float8)
      WHERE id = $1 AND expires_at > ${now}`,
    delete: `DELETE FROM ${t} WHERE id = $1`,
    listUser: `SELECT id FROM ${t} WHERE user_id = $1 AND expires_at > ${now} ORDER BY id`,
    // Takes the user's expired rows along, but counts only the live ones.
    deleteUser: `WITH gone AS (DELETE FROM ${t} WHERE user_id = $1 RETURNING expires_at)
      SELECT count(*) FILTER (WHERE expires_at > ${now})::integer FROM gone`,
    // At most $1 expired rows, oldest first, skipping any row a request holds locked: the
    // cleanup never waits for a request, and a request waits at most for one short batch.
    // The outer check keeps a row that a request extended between the two scans.
    cleanup: `WITH gone AS (
        DELETE FROM ${t} WHERE ctid = ANY (ARRAY(
          SELECT ctid FROM ${t} WHERE expires_at <= ${now}
          ORDER BY expires_at LIMIT $1 FOR UPDATE SKIP LOCKED))
        AND expires_at <= ${now}
        RETURNING 1)
      SELECT count(*)::integer FROM gone`,
  }
}

/** The statements of one session table. */
export type SessionStatements = ReturnType<typeof sessionStatements>

// A backslash, a NUL, or a UTF-16 surrogate without its pair.
const UNSAFE_IN_TEXT =
  /[\\\0]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g

/**
 * The `user_id` column's value for a user id: the id itself, unless it holds what a PostgreSQL
 * `text` cannot (NUL) or what the drivers' UTF-8 encoding would replace with U+FFFD (a lone
 * surrogate, so that two ids would share one value). Those are written as `\0` and `\uXXXX`,
 * and a backslash as `\\`, so no two ids ever map to one value and ordinary ids stay readable.
 * The record itself keeps the exact id.
 */
export function userIdColumn(userId: string): string {
  return userId.replace(UNSAFE_IN_TEXT, (c) =>
    c === '\\' ? '\\\\' : c === '\0' ? '\\0' : `\\u${c.charCodeAt(0).toString(16)}`,
  )
}
