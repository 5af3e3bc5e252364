import { mkdtemp, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { postgresStore } from '@crumbs/server/stores/postgres'
import { sqliteStore } from '@crumbs/server/stores/sqlite'
import Database from 'better-sqlite3'
import pg from 'pg'
import { createClient } from 'redis'
import type { ScaleStore } from './scale-config.js'
import { POSTGRES_URL, REDIS_URL } from './scale-services.js'
import { filledRecord, sessionId } from './session-ids.js'

/** One store as the scale bench fills, sizes and empties it, from outside the server. */
export interface ScaleBackend {
  readonly store: ScaleStore
  /** What the server process needs to open the same sessions (see scale-server.ts). */
  readonly serverEnv: Readonly<Record<string, string>>
  /** Writes sessions number `from` to `to - 1`, expiring at `expiresAt` (Unix ms), in bulk. */
  fill(from: number, to: number, expiresAt: number): Promise<void>
  /** What `live` sessions take, in bytes each, and how that was measured. */
  bytesPerSession(live: number): Promise<{ bytes: number; how: string }>
  /** Expired sessions the store still holds (Redis: expected minus keys it expired since). */
  expiredLeft(): Promise<number>
  /** Before the purge: what {@link expiredLeft} counts from. */
  markPurge(expired: number): Promise<void>
  /** Deletes everything the run made (file, key prefix, schema) and disconnects. */
  dispose(): Promise<void>
}

/** Rows per INSERT transaction or statement, and Redis commands per pipelined batch. */
const BATCH = 50_000
/** Rows per SQLite transaction: a few milliseconds of the write lock each. */
const SQLITE_BATCH = 5_000

/** A fresh backend of `store` for a run tagged `tag` (the ids' seed, unique per run). */
export async function openBackend(store: ScaleStore, tag: string): Promise<ScaleBackend> {
  if (store === 'sqlite') return openSqlite(tag)
  if (store === 'redis') return openRedis(tag)
  return openPostgres(tag)
}

async function openSqlite(tag: string): Promise<ScaleBackend> {
  const directory = await mkdtemp(join(tmpdir(), 'crumbs-scale-sqlite-'))
  const path = join(directory, 'sessions.db')
  const db = new Database(path)
  // The store creates its own table (and WAL mode) on first use.
  const store = sqliteStore({ db, cleanupInterval: 0 })
  await store.get(sessionId('probe', 0))
  await store.close()
  const insert = db.prepare(
    'INSERT INTO crumbs_sessions (id, record, version, expires_at, user_id) VALUES (?, ?, 1, ?, NULL)',
  )
  const count = db.prepare('SELECT count(*) AS n FROM crumbs_sessions WHERE expires_at <= ?')
  return {
    store: 'sqlite',
    serverEnv: { SCALE_STORE: 'sqlite', SCALE_SQLITE_PATH: path },
    async fill(from, to, expiresAt) {
      const record = filledRecord(Date.now())
      // In key order, so the B-tree fills page after page instead of splitting pages at random;
      // in short transactions, so the server's own writes (its sweep) never wait long.
      const ids: string[] = []
      for (let i = from; i < to; i++) ids.push(sessionId(tag, i))
      ids.sort()
      const run = db.transaction((slice: string[]) => {
        for (const id of slice) insert.run(id, record, expiresAt)
      })
      for (let a = 0; a < ids.length; a += SQLITE_BATCH) {
        run(ids.slice(a, a + SQLITE_BATCH))
        // Let the server's sweep (a writer) in between transactions.
        if (a % (SQLITE_BATCH * 20) === 0) await new Promise((resolve) => setImmediate(resolve))
      }
      db.pragma('wal_checkpoint(TRUNCATE)')
    },
    async bytesPerSession(live) {
      const size = async (file: string) => (await stat(file).catch(() => ({ size: 0 }))).size
      const bytes = (await size(path)) + (await size(`${path}-wal`))
      return { bytes: bytes / live, how: 'file + WAL ÷ sessions' }
    },
    async expiredLeft() {
      return (count.get(Date.now()) as { n: number }).n
    },
    async markPurge() {},
    async dispose() {
      db.close()
      await rm(directory, { recursive: true, force: true })
    },
  }
}

/** `field:value` of an INFO section. */
function infoField(info: string, field: string): number {
  const match = new RegExp(`^${field}:(\\d+)`, 'm').exec(info)
  if (match === null) throw new Error(`INFO has no ${field}`)
  return Number(match[1])
}

async function openRedis(tag: string): Promise<ScaleBackend> {
  const client = createClient({ url: REDIS_URL })
  client.on('error', (error: unknown) => console.error('[scale] redis:', error))
  await client.connect()
  const prefix = `crumbs-scale:${tag}:`
  const key = (i: number) => `${prefix}sess:${sessionId(tag, i)}`
  const used = async () => infoField(await client.info('memory'), 'used_memory')
  const expiredKeys = async () => infoField(await client.info('stats'), 'expired_keys')
  const baseline = await used()
  let purge = { expired: 0, from: 0 }
  return {
    store: 'redis',
    serverEnv: { SCALE_STORE: 'redis', SCALE_REDIS_PREFIX: prefix },
    async fill(from, to, expiresAt) {
      const record = filledRecord(Date.now())
      const e = String(expiresAt)
      for (let a = from; a < to; a += BATCH / 5) {
        const batch: Promise<unknown>[] = []
        for (let i = a; i < Math.min(a + BATCH / 5, to); i++) {
          // The store's hash: record, version, expiry; the key's own expiry is the TTL.
          batch.push(client.sendCommand(['HSET', key(i), 'r', record, 'v', '1', 'e', e]))
          batch.push(client.sendCommand(['PEXPIREAT', key(i), e]))
        }
        await Promise.all(batch)
      }
    },
    async bytesPerSession(live) {
      const delta = (await used()) - baseline
      const sample: number[] = []
      for (let n = 0; n < 200; n++) {
        const bytes = await client.sendCommand([
          'MEMORY',
          'USAGE',
          key(Math.floor(Math.random() * live)),
        ])
        if (typeof bytes === 'number') sample.push(bytes)
      }
      const mean = sample.reduce((a, b) => a + b, 0) / Math.max(sample.length, 1)
      return {
        bytes: delta / live,
        how: `used_memory delta ÷ sessions (MEMORY USAGE of 200 keys: ${mean.toFixed(0)} B mean)`,
      }
    },
    async markPurge(expired) {
      purge = { expired, from: await expiredKeys() }
    },
    async expiredLeft() {
      return Math.max(0, purge.expired - ((await expiredKeys()) - purge.from))
    },
    async dispose() {
      let cursor = '0'
      do {
        const reply = (await client.sendCommand([
          'SCAN',
          cursor,
          'MATCH',
          `${prefix}*`,
          'COUNT',
          '1000',
        ])) as [string, string[]]
        cursor = reply[0]
        if (reply[1].length > 0) await client.sendCommand(['UNLINK', ...reply[1]])
      } while (cursor !== '0')
      client.destroy()
    },
  }
}

async function openPostgres(tag: string): Promise<ScaleBackend> {
  const pool = new pg.Pool({ connectionString: POSTGRES_URL, max: 2 })
  pool.on('error', (error) => console.error('[scale] postgres:', error))
  const schema = `crumbs_scale_${tag.replace(/[^a-z0-9]/gi, '').toLowerCase()}`
  await pool.query(`CREATE SCHEMA ${schema}`)
  // The store creates its own table and indexes on first use.
  const store = postgresStore({ pool, schema, cleanupInterval: 0 })
  await store.get(sessionId('probe', 0))
  await store.close()
  const table = `${schema}.crumbs_sessions`
  // sessionId() in SQL: base64url of SHA-256('<tag>:<i>'), unpadded.
  const id = `rtrim(translate(encode(sha256(convert_to($1 || ':' || i, 'UTF8')), 'base64'), '+/', '-_'), '=')`
  return {
    store: 'postgres',
    serverEnv: { SCALE_STORE: 'postgres', SCALE_PG_SCHEMA: schema },
    async fill(from, to, expiresAt) {
      const record = filledRecord(Date.now())
      for (let a = from; a < to; a += BATCH * 2) {
        await pool.query(
          `INSERT INTO ${table} (id, record, version, expires_at, user_id)
           SELECT ${id}, $2::json, 1, to_timestamp($3::float8 / 1000), NULL
           FROM generate_series($4::integer, $5::integer) AS i`,
          [tag, record, expiresAt, a, Math.min(a + BATCH * 2, to) - 1],
        )
      }
      await pool.query(`VACUUM ANALYZE ${table}`)
    },
    async bytesPerSession(live) {
      const { rows } = await pool.query(`SELECT pg_total_relation_size($1)::float8 AS bytes`, [
        table,
      ])
      return { bytes: Number(rows[0].bytes) / live, how: 'pg_total_relation_size ÷ sessions' }
    },
    async markPurge() {},
    async expiredLeft() {
      const { rows } = await pool.query(
        `SELECT count(*)::integer AS n FROM ${table} WHERE expires_at <= statement_timestamp()`,
      )
      return Number(rows[0].n)
    },
    async dispose() {
      await pool.query(`DROP SCHEMA ${schema} CASCADE`)
      await pool.end()
    },
  }
}
