import { CrumbsError } from '@crumbs/core'

/** Where the PostgreSQL store keeps its sessions. */
export interface PostgresTableOptions {
  /**
   * The table holding the sessions: letters, digits and underscores, at most 52 characters so
   * that its index names fit PostgreSQL's 63. Quoted, so its case is kept.
   * @default 'crumbs_sessions'
   */
  table?: string
  /**
   * The schema holding the table, which must exist. Unset, the table name is left unqualified
   * and the connection's `search_path` decides (normally `public`).
   */
  schema?: string
}

/** The names of the session table and its indexes, quoted. */
export interface SessionRelations {
  /** The table, qualified when a schema is given. */
  readonly table: string
  /** The indexes, unqualified: PostgreSQL puts an index in its table's schema. */
  readonly userIndex: string
  readonly expiryIndex: string
  /** The table and its two indexes, qualified like the table, for `to_regclass`. */
  readonly all: readonly [string, string, string]
}

/**
 * The key of the transaction-level advisory lock held while the store creates its table: the
 * ASCII of "crumbs". One key for every crumbs table in a database; it is held only for the few
 * milliseconds of a first start.
 */
const CREATE_LOCK = 109_343_247_524_467

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/

function identifier(caller: string, option: string, value: unknown, max: number): string {
  if (typeof value !== 'string' || value.length > max || !IDENTIFIER.test(value)) {
    throw new CrumbsError(
      'INVALID_OPTION',
      `${caller} \`${option}\` must be an SQL identifier (letters, digits, underscores; at most ${max} characters).`,
      { details: { option } },
    )
  }
  return `"${value}"`
}

/** Validates `table` and `schema` (`INVALID_OPTION`) and names the relations they make. */
export function sessionRelations(
  caller: string,
  { table = 'crumbs_sessions', schema }: PostgresTableOptions,
): SessionRelations {
  const quoted = identifier(caller, 'table', table, 52)
  const prefix = schema === undefined ? '' : `${identifier(caller, 'schema', schema, 63)}.`
  const userIndex = `"${table}_user_id"`
  const expiryIndex = `"${table}_expires_at"`
  return {
    table: prefix + quoted,
    userIndex,
    expiryIndex,
    all: [prefix + quoted, prefix + userIndex, prefix + expiryIndex],
  }
}

function ddl({ table, userIndex, expiryIndex }: SessionRelations): string {
  return `CREATE TABLE IF NOT EXISTS ${table} (
  id text COLLATE "C" PRIMARY KEY,
  record json NOT NULL,
  version integer NOT NULL,
  expires_at timestamptz NOT NULL,
  user_id text COLLATE "C"
);
CREATE INDEX IF NOT EXISTS ${userIndex} ON ${table} (user_id) WHERE user_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS ${expiryIndex} ON ${table} (expires_at);
COMMENT ON TABLE ${table} IS 'crumbs sessions, schema 1 (@crumbs/server/stores/postgres)';
`
}

/**
 * The SQL that creates the PostgreSQL store's table and indexes, for teams that run their own
 * migrations (then pass `createTable: false` to `postgresStore`). It is idempotent
 * (`IF NOT EXISTS`) and takes the same `table` and `schema` as the store.
 *
 * @example
 * import { postgresStoreSchema } from '@crumbs/server/stores/postgres'
 * // In a migration:
 * await pool.query(postgresStoreSchema({ table: 'sessions', schema: 'auth' }))
 */
export function postgresStoreSchema(options: PostgresTableOptions = {}): string {
  return ddl(sessionRelations('postgresStoreSchema', options))
}

/**
 * The script the store runs when its table is missing. It is one simple query, so PostgreSQL
 * runs it as one implicit transaction: the advisory lock makes processes that start at once
 * create the table one after the other (concurrent `CREATE TABLE IF NOT EXISTS` can fail on
 * PostgreSQL's catalog), and the lock ends with the transaction. The notices of a table that
 * another process created meanwhile ("already exists, skipping") are silenced for it alone.
 */
export function createTableScript(relations: SessionRelations): string {
  return `SET LOCAL client_min_messages = warning;
SELECT pg_advisory_xact_lock(${CREATE_LOCK});
${ddl(relations)}`
}

/**
 * Answers one row, `[true]` when the table and both indexes exist (parameters: `all` of
 * {@link SessionRelations}); the store then runs no DDL, which would lock the table against
 * writes while it looks.
 */
export const TABLE_EXISTS =
  'SELECT to_regclass($1) IS NOT NULL AND to_regclass($2) IS NOT NULL AND to_regclass($3) IS NOT NULL'
