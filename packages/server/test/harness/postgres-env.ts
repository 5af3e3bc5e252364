import { randomUUID } from 'node:crypto'
import pg from 'pg'
import { describe, it } from 'vitest'

/** The PostgreSQL the tests use: `POSTGRES_URL`, or the local default. */
export const POSTGRES_URL = process.env.POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test'

/** Whether PostgreSQL answers `SELECT 1` at `POSTGRES_URL` within two seconds. */
async function probe(): Promise<boolean> {
  const client = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 2000 })
  client.on('error', () => {})
  try {
    await client.connect()
    await client.query('SELECT 1')
    return true
  } catch {
    // Any failure means "not reachable here": the describe below says so loudly.
    return false
  } finally {
    await client.end().catch(() => undefined)
  }
}

export const postgresUp = await probe()

/**
 * `describe` for tests that need PostgreSQL. Without one they fail under CI=true and otherwise
 * skip with a loud warning, so a laptop without PostgreSQL still runs everything else.
 */
export function describeWithPostgres(name: string, body: () => void): void {
  if (postgresUp) {
    describe(name, body)
  } else if (process.env.CI === 'true') {
    describe(name, () => {
      it('reaches PostgreSQL', () => {
        throw new Error(
          `PostgreSQL is required under CI=true and did not answer at ${POSTGRES_URL}.`,
        )
      })
    })
  } else {
    console.warn(
      `\n!!! SKIPPED "${name}": no PostgreSQL at ${POSTGRES_URL}. Start one or set POSTGRES_URL. !!!\n`,
    )
    describe.skip(name, body)
  }
}

/** A pool on `POSTGRES_URL` with the `'error'` listener an app must attach. */
export function openPool(options: pg.PoolConfig = {}): pg.Pool {
  const pool = new pg.Pool({ connectionString: POSTGRES_URL, max: 4, ...options })
  pool.on('error', () => {})
  return pool
}

/** A schema name no other test file or run shares. */
export const uniqueSchema = (label: string): string =>
  `crumbs_test_${label}_${randomUUID().replaceAll('-', '').slice(0, 16)}`

/**
 * Creates a fresh schema for one test file and returns its name and a function that drops it
 * with everything in it, so parallel runs never share a table and leave nothing behind.
 */
export async function createSchema(
  pool: pg.Pool,
  label: string,
): Promise<{ schema: string; drop(): Promise<void> }> {
  const schema = uniqueSchema(label)
  await pool.query(`CREATE SCHEMA "${schema}"`)
  return { schema, drop: async () => void (await pool.query(`DROP SCHEMA "${schema}" CASCADE`)) }
}
