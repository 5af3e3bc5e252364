import { createServer, type Server, type Socket } from 'node:net'
import { generateSessionId, type SessionRecord } from '@crumbs/core'
import type pg from 'pg'
import postgres from 'postgres'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { codeOf } from '../../test/harness/code-of.js'
import {
  createSchema,
  describeWithPostgres,
  openPool,
  POSTGRES_URL,
} from '../../test/harness/postgres-env.js'
import { describeStoreContract } from '../../test/stores/store-contract.js'
import type { PgPoolLike } from './postgres-client.js'
import { postgresStoreSchema } from './postgres-schema.js'
import { type PostgresStoreOptions, postgresStore } from './postgres-store.js'

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise((resolve) => server.close(resolve))
  return port
}

/** A server that accepts connections and never says a word: a hung database. */
async function silentServer(): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<Socket>()
  const server: Server = createServer((socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    port: (server.address() as { port: number }).port,
    close: async () => {
      for (const socket of sockets) socket.destroy()
      await new Promise((resolve) => server.close(resolve))
    },
  }
}

/** A pool wrapper that records the text of every statement it runs. */
function recording(pool: PgPoolLike): { pool: PgPoolLike; texts: string[] } {
  const texts: string[] = []
  return {
    texts,
    pool: {
      query: (config) => {
        texts.push(config.text)
        return pool.query(config)
      },
    },
  }
}

const record = (userId?: string): SessionRecord => ({
  data: { username: 'john' },
  createdAt: 0,
  touchedAt: 0,
  permanent: false,
  ...(userId === undefined ? {} : { userId }),
})

describeWithPostgres('postgres store', () => {
  let pool: pg.Pool
  let sql: postgres.Sql
  let schema: string
  let dropSchema: () => Promise<void>
  let tables = 0
  /** A table name no other test in this file uses. */
  const freshTable = (): string => `sessions_${tables++}`

  beforeAll(async () => {
    pool = openPool()
    sql = postgres(POSTGRES_URL, { max: 4, onnotice: () => {} })
    ;({ schema, drop: dropSchema } = await createSchema(pool, 'store'))
  })
  afterAll(async () => {
    await dropSchema?.()
    await sql?.end()
    await pool?.end()
  })

  const drivers = {
    pg: () => ({ pool }) as const,
    'postgres.js': () => ({ sql }) as const,
  }

  for (const [driver, client] of Object.entries(drivers)) {
    describeStoreContract(`postgres (${driver})`, {
      async open() {
        const store = postgresStore({ ...client(), schema, table: freshTable() })
        return { store, elapse: (seconds) => sleep(seconds * 1000), close: () => store.close() }
      },
      async openBroken() {
        const port = await closedPort()
        if (driver === 'pg') {
          const broken = openPool({
            connectionString: `postgres://postgres@127.0.0.1:${port}/test`,
            connectionTimeoutMillis: 1000,
          })
          const store = postgresStore({ pool: broken, schema })
          return {
            store,
            elapse: (seconds) => sleep(seconds * 1000),
            close: async () => {
              await store.close()
              await broken.end()
            },
          }
        }
        const broken = postgres({ host: '127.0.0.1', port, connect_timeout: 1, max: 1 })
        const store = postgresStore({ sql: broken, schema })
        return {
          store,
          elapse: (seconds) => sleep(seconds * 1000),
          close: async () => {
            await store.close()
            await broken.end({ timeout: 0 })
          },
        }
      },
    })
  }

  const count = async (table: string, where = 'true'): Promise<number> =>
    (await pool.query(`SELECT count(*)::int AS n FROM "${schema}"."${table}" WHERE ${where}`))
      .rows[0].n

  /** `n` rows that expired a minute ago, written straight into `table`. */
  const insertExpired = async (table: string, n: number): Promise<void> => {
    await pool.query(
      `INSERT INTO "${schema}"."${table}" (id, record, version, expires_at, user_id)
       SELECT 'expired' || lpad(i::text, 36, '0'), '{}', 1, now() - interval '1 minute', 'old'
       FROM generate_series(1, $1) AS i`,
      [n],
    )
  }

  describe('table', () => {
    it('creates its table with typed columns and its user and expiry indexes', async () => {
      const table = freshTable()
      const store = postgresStore({ pool, schema, table })
      await store.get(generateSessionId())
      const columns = await pool.query(
        `SELECT column_name, data_type, is_nullable, collation_name FROM information_schema.columns
         WHERE table_schema = $1 AND table_name = $2 ORDER BY ordinal_position`,
        [schema, table],
      )
      expect(columns.rows).toEqual([
        { column_name: 'id', data_type: 'text', is_nullable: 'NO', collation_name: 'C' },
        { column_name: 'record', data_type: 'json', is_nullable: 'NO', collation_name: null },
        { column_name: 'version', data_type: 'integer', is_nullable: 'NO', collation_name: null },
        {
          column_name: 'expires_at',
          data_type: 'timestamp with time zone',
          is_nullable: 'NO',
          collation_name: null,
        },
        { column_name: 'user_id', data_type: 'text', is_nullable: 'YES', collation_name: 'C' },
      ])
      const indexes = await pool.query(
        'SELECT indexname FROM pg_indexes WHERE schemaname = $1 AND tablename = $2 ORDER BY 1',
        [schema, table],
      )
      expect(indexes.rows.map((row) => row.indexname)).toEqual([
        `${table}_expires_at`,
        `${table}_pkey`,
        `${table}_user_id`,
      ])
      await store.close()
    })

    it('creates one table when several processes start at once', async () => {
      // One pool each, as separate app instances have; a few rounds, since a race may not show.
      const pools = Array.from({ length: 6 }, () => openPool({ max: 1 }))
      for (let round = 0; round < 3; round++) {
        const table = freshTable()
        const stores = pools.map((own) => postgresStore({ pool: own, schema, table }))
        const id = generateSessionId()
        const results = await Promise.allSettled(stores.map((store) => store.get(id)))
        expect(results.map((result) => result.status)).toEqual(Array(6).fill('fulfilled'))
        await stores[0]!.set(id, record('ann'), { ttl: 60 })
        expect(await stores[5]!.get(id)).toMatchObject({ version: 1, record: { userId: 'ann' } })
        await Promise.all(stores.map((store) => store.close()))
      }
      await Promise.all(pools.map((own) => own.end()))
    })

    it('runs no DDL once its table and indexes exist', async () => {
      const table = freshTable()
      await postgresStore({ pool, schema, table }).get(generateSessionId())
      const { pool: watched, texts } = recording(pool)
      const store = postgresStore({ pool: watched, schema, table })
      await store.set(generateSessionId(), record(), { ttl: 60 })
      expect(texts.some((text) => /CREATE|advisory/.test(text))).toBe(false)
      expect(texts).toHaveLength(2)
      await store.close()
    })

    it('with createTable: false, uses the table postgresStoreSchema made and creates none', async () => {
      const table = freshTable()
      const missing = postgresStore({ pool, schema, table, createTable: false })
      const error = await missing.get(generateSessionId()).catch((e: unknown) => e)
      expect(error).toMatchObject({ code: 'STORE_UNAVAILABLE', cause: { code: '42P01' } })
      await pool.query(postgresStoreSchema({ schema, table }))
      // The migration is idempotent.
      await pool.query(postgresStoreSchema({ schema, table }))
      const id = generateSessionId()
      expect(await missing.set(id, record('kim'), { ttl: 60 })).toEqual({ ok: true, version: 1 })
      expect(await missing.listUserSessions('kim')).toEqual([id])
      await missing.close()
    })

    it('names the default table crumbs_sessions and leaves it to the search_path', () => {
      expect(postgresStoreSchema()).toContain('CREATE TABLE IF NOT EXISTS "crumbs_sessions" (')
      expect(postgresStoreSchema({ schema: 'auth', table: 'Sessions' })).toContain(
        'CREATE INDEX IF NOT EXISTS "Sessions_user_id" ON "auth"."Sessions"',
      )
    })
  })

  describe('expiry and ids', () => {
    afterEach(() => {
      vi.useRealTimers()
    })

    it('judges expiry by the database clock, not the app server’s', async () => {
      const store = postgresStore({ pool, schema, table: freshTable() })
      const id = generateSessionId()
      await store.set(id, record(), { ttl: 60 })
      vi.useFakeTimers({ toFake: ['Date'] })
      vi.setSystemTime(Date.now() + 3_600_000)
      expect(await store.get(id)).toMatchObject({ version: 1 })
      expect(await store.set(id, record(), { ttl: 60, expectedVersion: 1 })).toEqual({
        ok: true,
        version: 2,
      })
      await store.close()
    })

    it('keeps user ids apart that PostgreSQL text or UTF-8 would merge, and plain ones readable', async () => {
      const table = freshTable()
      const store = postgresStore({ pool, schema, table })
      const users = ['a\\0', 'a\u0000', 'x\ud800', 'x\ud801', 'x\ufffd', 'x\\ud800', 'alice']
      const ids = new Map(users.map((user) => [user, generateSessionId()]))
      for (const [user, id] of ids) await store.set(id, record(user), { ttl: 60 })
      for (const [user, id] of ids) expect(await store.listUserSessions(user)).toEqual([id])
      expect(await count(table, `user_id = 'alice'`)).toBe(1)
      expect(await store.deleteUserSessions('x\ud800')).toBe(1)
      expect(await store.listUserSessions('x\ud801')).toEqual([ids.get('x\ud801')])
      await store.close()
    })

    it('stores a TTL of centuries without overflowing', async () => {
      const store = postgresStore({ pool, schema, table: freshTable() })
      const id = generateSessionId()
      expect(await store.set(id, record(), { ttl: 1e300 })).toEqual({ ok: true, version: 1 })
      expect((await store.get(id))?.expiresAt).toBeGreaterThan(Date.now() / 1000 + 1e10 - 10)
      await store.touch(id, Number.MAX_VALUE)
      expect(await store.get(id)).toBeDefined()
      await store.close()
    })

    it('works on a postgres.js instance that renames columns (postgres.camel)', async () => {
      const camel = postgres(POSTGRES_URL, {
        max: 1,
        transform: postgres.camel,
        onnotice: () => {},
      })
      const store = postgresStore({ sql: camel, schema, table: freshTable() })
      const id = generateSessionId()
      await store.set(id, record('lee'), { ttl: 60 })
      expect(await store.get(id)).toMatchObject({ version: 1, record: { userId: 'lee' } })
      expect(await store.deleteUserSessions('lee')).toBe(1)
      await store.close()
      await camel.end()
    })

    it('sends no query for an invalid id', async () => {
      const texts: string[] = []
      const store = postgresStore({
        pool: {
          query: async (config) => {
            texts.push(config.text)
            return { rows: [] }
          },
        },
      })
      for (const call of [
        () => store.get('../../etc/passwd'),
        () => store.set("x'; DROP TABLE users; --", record(), { ttl: 1 }),
        () => store.touch('*', 1),
        () => store.delete(''),
      ]) {
        await expect(call()).rejects.toMatchObject({ code: 'INVALID_SESSION_ID' })
      }
      expect(texts).toEqual([])
    })
  })

  describe('cleanup', () => {
    afterEach(() => {
      vi.useRealTimers()
      vi.restoreAllMocks()
    })

    it('deletes expired rows in batches of cleanupBatchSize and never a live one', async () => {
      const table = freshTable()
      const { pool: watched, texts } = recording(pool)
      const store = postgresStore({
        pool: watched,
        schema,
        table,
        cleanupInterval: 0,
        cleanupBatchSize: 1000,
      })
      const live = Array.from({ length: 20 }, () => generateSessionId())
      for (const id of live) await store.set(id, record('old'), { ttl: 600 })
      await insertExpired(table, 2500)
      texts.length = 0
      expect(await store.cleanup()).toBe(2500)
      // 1000 + 1000 + 500: the short batch says nothing is left.
      expect(texts).toHaveLength(3)
      expect(await count(table)).toBe(20)
      for (const id of live) expect(await store.get(id)).toMatchObject({ version: 1 })
      expect(await store.listUserSessions('old')).toHaveLength(20)
      expect(await store.cleanup()).toBe(0)
      await store.close()
    })

    it('skips an expired row a request holds locked instead of waiting for it', async () => {
      const table = freshTable()
      const store = postgresStore({ pool, schema, table, cleanupInterval: 0 })
      await store.get(generateSessionId())
      await insertExpired(table, 3)
      const holder = await pool.connect()
      try {
        await holder.query('BEGIN')
        await holder.query(`SELECT id FROM "${schema}"."${table}" ORDER BY id LIMIT 1 FOR UPDATE`)
        expect(await store.cleanup()).toBe(2)
      } finally {
        await holder.query('ROLLBACK')
        holder.release()
      }
      expect(await store.cleanup()).toBe(1)
      await store.close()
    })

    it('runs on its interval from the first call, on an unref’d timer that close() stops', async () => {
      vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] })
      const table = freshTable()
      const store = postgresStore({ pool, schema, table, cleanupInterval: 60 })
      expect(vi.getTimerCount()).toBe(0)
      await store.get(generateSessionId())
      expect(vi.getTimerCount()).toBe(1)
      await insertExpired(table, 5)
      vi.advanceTimersByTime(60_000)
      await vi.waitFor(async () => expect(await count(table)).toBe(0), { timeout: 10_000 })
      await store.close()
      expect(vi.getTimerCount()).toBe(0)
    })

    it('unrefs its timer so it never keeps the process alive', async () => {
      const unref = vi.fn()
      vi.spyOn(globalThis, 'setInterval').mockReturnValue({ unref } as unknown as ReturnType<
        typeof setInterval
      >)
      const store = postgresStore({ pool, schema, table: freshTable(), cleanupInterval: 5 })
      await store.get(generateSessionId())
      expect(unref).toHaveBeenCalledTimes(1)
      vi.restoreAllMocks()
      await store.close()
    })

    it('starts no timer with cleanupInterval: 0', async () => {
      vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] })
      const store = postgresStore({ pool, schema, table: freshTable(), cleanupInterval: 0 })
      await store.get(generateSessionId())
      expect(vi.getTimerCount()).toBe(0)
      await store.close()
    })

    it('lets a running cleanup finish its batch on close, then refuses calls', async () => {
      const table = freshTable()
      const store = postgresStore({ pool, schema, table, cleanupBatchSize: 100 })
      await store.get(generateSessionId())
      await insertExpired(table, 1000)
      const running = store.cleanup()
      await store.close()
      const deleted = await running
      expect(deleted).toBeGreaterThan(0)
      expect(await count(table)).toBe(1000 - deleted)
      await expect(store.cleanup()).rejects.toMatchObject({ code: 'STORE_CLOSED' })
      await expect(store.get(generateSessionId())).rejects.toMatchObject({ code: 'STORE_CLOSED' })
    })
  })

  describe('failures', () => {
    it('answers STORE_UNAVAILABLE once the connection times out on a hung server', async () => {
      const server = await silentServer()
      const hung = openPool({
        connectionString: `postgres://postgres@127.0.0.1:${server.port}/test`,
        connectionTimeoutMillis: 300,
      })
      const store = postgresStore({ pool: hung })
      const error = await store.get(generateSessionId()).catch((e: unknown) => e)
      expect(error).toMatchObject({ code: 'STORE_UNAVAILABLE' })
      expect((error as Error).cause).toBeInstanceOf(Error)
      await store.close()
      await hung.end()
      await server.close()
    })

    it('leaves no client checked out after writes, conflicts and failed statements', async () => {
      const own = openPool({ max: 2 })
      const table = freshTable()
      const store = postgresStore({ pool: own, schema, table })
      const id = generateSessionId()
      await Promise.all(
        Array.from({ length: 10 }, () =>
          store.set(id, record(), { ttl: 60, expectedVersion: null }),
        ),
      )
      await store.cleanup()
      await own.query(`DROP TABLE "${schema}"."${table}"`)
      await expect(store.get(id)).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' })
      expect(own.waitingCount).toBe(0)
      expect(own.idleCount).toBe(own.totalCount)
      await store.close()
      await own.end()
    })
  })
})

describe('postgresStore options', () => {
  const pool: PgPoolLike = { query: async () => ({ rows: [] }) }

  it.each([
    ['no options', undefined],
    ['neither pool nor sql', {}],
    ['both pool and sql', { pool, sql: { unsafe() {} } }],
    ['a pool without query', { pool: {} }],
    ['an sql without unsafe', { sql: () => {} }],
    ['a table name that is not an identifier', { pool, table: 'sessions; DROP TABLE users' }],
    ['a table name too long for its index names', { pool, table: 'a'.repeat(53) }],
    ['a schema that is not an identifier', { pool, schema: 'auth.x' }],
    ['a createTable that is not a boolean', { pool, createTable: 'no' }],
    ['a negative cleanupInterval', { pool, cleanupInterval: -1 }],
    ['a fractional cleanupInterval', { pool, cleanupInterval: 0.5 }],
    ['a cleanupBatchSize of 0', { pool, cleanupBatchSize: 0 }],
  ])('refuses %s with INVALID_OPTION at creation', (_, options) => {
    expect(codeOf(() => postgresStore(options as unknown as PostgresStoreOptions))).toBe(
      'INVALID_OPTION',
    )
  })

  it('refuses a bad table name in postgresStoreSchema too', () => {
    expect(codeOf(() => postgresStoreSchema({ table: '"; DROP' }))).toBe('INVALID_OPTION')
  })

  it('does no I/O until its first call', () => {
    const texts: string[] = []
    postgresStore({
      pool: {
        query: async (config) => {
          texts.push(config.text)
          return { rows: [] }
        },
      },
    })
    expect(texts).toEqual([])
  })
})
