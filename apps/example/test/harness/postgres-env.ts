import { randomUUID } from 'node:crypto'
import pg from 'pg'
import { afterEach, describe, it } from 'vitest'

/** The PostgreSQL the tests use: `POSTGRES_URL`, or the local default (as packages/server's). */
export const POSTGRES_URL = process.env.POSTGRES_URL || 'postgres://postgres@127.0.0.1:5432/test'

async function probe(): Promise<boolean> {
  const client = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 2000 })
  client.on('error', () => {})
  try {
    await client.connect()
    await client.query('SELECT 1')
    return true
  } catch (error) {
    console.warn(`[test] PostgreSQL at ${POSTGRES_URL}: ${(error as Error).message}`)
    return false
  } finally {
    await client.end().catch(() => undefined)
  }
}

const postgresUp = await probe()

/**
 * `describe` for tests that need PostgreSQL: without one they fail under CI=true, and skip with
 * a loud warning elsewhere.
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

const dropAfter: string[] = []
const endAfter: pg.Pool[] = []
afterEach(async () => {
  await Promise.all(endAfter.splice(0).map((pool) => pool.end()))
  const schemas = dropAfter.splice(0)
  if (schemas.length === 0) return
  const client = new pg.Client({ connectionString: POSTGRES_URL })
  await client.connect()
  try {
    for (const schema of schemas) await client.query(`DROP SCHEMA "${schema}" CASCADE`)
  } finally {
    await client.end()
  }
})

/** A schema of the test's own and a connection string whose search_path is that schema. */
export interface TestSchema {
  readonly schema: string
  /** `POSTGRES_URL` with `options=-c search_path=<schema>`: a DATABASE_URL for the example. */
  readonly url: string
}

/** Creates a fresh schema, dropped with everything in it after the current test. */
export async function freshSchema(label = 'example'): Promise<TestSchema> {
  const schema = `crumbs_${label}_${randomUUID().replaceAll('-', '').slice(0, 16)}`
  const client = new pg.Client({ connectionString: POSTGRES_URL })
  await client.connect()
  try {
    await client.query(`CREATE SCHEMA "${schema}"`)
  } finally {
    await client.end()
  }
  dropAfter.push(schema)
  const url = new URL(POSTGRES_URL)
  url.searchParams.set('options', `-c search_path=${schema}`)
  return { schema, url: url.toString() }
}

/** A pool on `url` with the error listener an app must attach; ended after the current test. */
export function openPool(url: string): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max: 4 })
  pool.on('error', () => {})
  endAfter.push(pool)
  return pool
}
