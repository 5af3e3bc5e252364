/**
 * A node-postgres (8.x) `Pool`, or a `Client`: the store calls only `query` with a config object
 * and `rowMode: 'array'`, and never checks a client out, so it cannot leak one.
 */
export interface PgPoolLike {
  query(config: {
    text: string
    values?: unknown[]
    rowMode: 'array'
  }): Promise<{ rows: unknown[][] }>
}

/** A postgres.js (3.x) `sql` instance: the store calls only `unsafe(text, parameters).values()`. */
export interface PostgresJsLike {
  unsafe(
    query: string,
    parameters?: unknown[],
  ): PromiseLike<unknown> & {
    values(): PromiseLike<unknown[][]>
  }
}

/** Runs the store's SQL, whichever driver the user has. */
export interface PostgresQueries {
  /**
   * Runs one parameterized statement and returns its rows as arrays of column values, so that
   * a driver's column-name transform (postgres.js' `postgres.camel`) cannot rename them.
   */
  rows(text: string, values: readonly unknown[]): Promise<unknown[][]>
  /**
   * Runs a script of several statements without parameters in one round trip (the simple query
   * protocol), which PostgreSQL runs as one implicit transaction: an error rolls all of it back
   * and leaves no transaction open on the connection.
   */
  script(text: string): Promise<void>
}

/** Queries through node-postgres. Statements are unnamed, so PgBouncer's transaction mode works. */
export function pgQueries(pool: PgPoolLike): PostgresQueries {
  return {
    async rows(text, values) {
      return (await pool.query({ text, values: [...values], rowMode: 'array' })).rows
    },
    async script(text) {
      // Without values, node-postgres sends the text as one simple query.
      await pool.query({ text, rowMode: 'array' })
    },
  }
}

/** Queries through postgres.js; `unsafe` prepares nothing unless told to. */
export function postgresJsQueries(sql: PostgresJsLike): PostgresQueries {
  return {
    async rows(text, values) {
      return sql.unsafe(text, [...values]).values()
    },
    async script(text) {
      // Without parameters, postgres.js sends the text as one simple query.
      await sql.unsafe(text)
    },
  }
}
