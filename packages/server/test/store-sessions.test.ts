import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { SessionStore } from '@crumbs/core'
import type pg from 'pg'
import postgres from 'postgres'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { InvalidSessionEvent } from '../src/engine/session-options.js'
import { memoryStore } from '../src/entries/stores/memory.js'
import { postgresStore } from '../src/entries/stores/postgres.js'
import { redisStore } from '../src/entries/stores/redis.js'
import { sqliteStore } from '../src/entries/stores/sqlite.js'
import { Client } from './harness/client.js'
import {
  createSchema,
  describeWithPostgres,
  openPool,
  POSTGRES_URL,
} from './harness/postgres-env.js'
import {
  deleteKeys,
  describeWithRedis,
  openRedisClient,
  type RedisDriver,
  uniquePrefix,
} from './harness/redis-env.js'
import { type StoreHost, startStoreHost } from './harness/store-host.js'

const SECRET = 'a-test-secret-that-is-long-enough-0001'
const dir = mkdtempSync(join(tmpdir(), 'crumbs-store-sessions-'))
const prefixes: string[] = []

afterAll(async () => {
  rmSync(dir, { recursive: true, force: true })
  await Promise.all(prefixes.map((prefix) => deleteKeys(prefix)))
})

interface OpenStore {
  readonly store: SessionStore
  close(): Promise<void>
}

let files = 0
const sqlite = async (): Promise<OpenStore> => {
  const store = sqliteStore({ path: join(dir, `sessions-${files++}.db`) })
  return { store, close: () => store.close() }
}

const redis = (driver: RedisDriver) => async (): Promise<OpenStore> => {
  const { client, close } = await openRedisClient(driver)
  const prefix = uniquePrefix(`engine-${driver}`)
  prefixes.push(prefix)
  return { store: redisStore({ client, prefix }), close }
}

/** Store sessions end to end over real HTTP, through Express, against one real store. */
function storeSessionTests(open: () => Promise<OpenStore>): void {
  let opened: OpenStore
  let host: StoreHost
  let invalid: InvalidSessionEvent[]
  let errors: unknown[]

  beforeEach(async () => {
    invalid = []
    errors = []
    opened = await open()
    host = await startStoreHost({
      secret: SECRET,
      store: opened.store,
      userKey: 'username',
      onInvalid: (event) => invalid.push(event),
      onError: (error) => errors.push(error),
    })
  })

  afterEach(async () => {
    await host.close()
    await opened.close()
  })

  it('gives a cookie replayed after destroy() no session', async () => {
    const client = new Client(host.url)
    await client.post('/login?name=jane')
    expect((await client.get('/')).body).toBe('Welcome, jane!')
    const stolen = client.jar.get('session')!
    await client.get('/destroy')
    expect(client.jar.has('session')).toBe(false)
    const thief = new Client(host.url)
    thief.jar.set('session', stolen)
    expect((await thief.get('/')).body).toBe('Please log in')
    expect(invalid.map((event) => event.reason)).toEqual(['unknown-id'])
    // The refused cookie is expired, and the next write gets a fresh id, never the stolen one.
    expect(thief.jar.has('session')).toBe(false)
    // Replayed on a request that writes, the unknown id is still not adopted: a new one is made.
    thief.jar.set('session', stolen)
    expect((await thief.get('/count')).body).toBe('1')
    expect(thief.jar.get('session')).toMatch(/^[A-Za-z0-9_-]{43}\./)
    expect(thief.jar.get('session')!.split('.')[0]).not.toBe(stolen.split('.')[0])
  })

  it('never adopts an id the store does not know on a request that writes (strict mode)', async () => {
    const client = new Client(host.url)
    await client.post('/login?name=jane')
    const stolen = client.jar.get('session')!
    await client.get('/destroy')
    // A validly signed id the store no longer knows, sent straight to a route that writes.
    const thief = new Client(host.url)
    thief.jar.set('session', stolen)
    expect((await thief.get('/count')).body).toBe('1')
    const issued = thief.jar.get('session')!
    expect(issued).toMatch(/^[A-Za-z0-9_-]{43}\./)
    expect(issued.split('.')[0]).not.toBe(stolen.split('.')[0])
    expect(invalid.map((event) => event.reason)).toEqual(['unknown-id'])
    // Nothing was stored under the stolen id: it still loads nothing, the new id the count.
    const replay = new Client(host.url)
    replay.jar.set('session', stolen)
    expect((await replay.get('/dump')).body).toBe('{}')
    expect((await thief.get('/count')).body).toBe('2')
  })

  it('kills the old id on regenerate() and keeps the data under the new one', async () => {
    const client = new Client(host.url)
    expect((await client.get('/count')).body).toBe('1')
    const before = client.jar.get('session')!
    await client.post('/login?name=kim')
    const after = client.jar.get('session')!
    expect(after).not.toBe(before)
    expect((await client.get('/count')).body).toBe('2')
    const replay = new Client(host.url)
    replay.jar.set('session', before)
    expect((await replay.get('/')).body).toBe('Please log in')
    expect((await replay.get('/count')).body).toBe('1')
  })

  it('keeps all 50 keys when 50 concurrent requests to one session each set a different one', async () => {
    const client = new Client(host.url)
    await client.post('/login?name=max')
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, i) => client.get(`/put?key=k${i}&value=v${i}`)),
    )
    expect(responses.map((r) => r.status)).toEqual(Array(50).fill(200))
    expect(errors).toEqual([])
    const data = JSON.parse((await client.get('/dump')).body) as Record<string, string>
    expect(Object.keys(data).filter((key) => key.startsWith('k'))).toHaveLength(50)
    for (let i = 0; i < 50; i++) expect(data[`k${i}`]).toBe(`v${i}`)
    expect(data.username).toBe('max')
  }, 30_000)

  it('keeps all 50 keys when 50 requests to one session all load it before any writes', async () => {
    const client = new Client(host.url)
    await client.post('/login?name=max')
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, i) => client.get(`/put-later?key=k${i}&value=v${i}`)),
    )
    expect(responses.map((r) => r.status)).toEqual(Array(50).fill(200))
    expect(errors).toEqual([])
    const data = JSON.parse((await client.get('/dump')).body) as Record<string, string>
    for (let i = 0; i < 50; i++) expect(data[`k${i}`]).toBe(`v${i}`)
  }, 30_000)

  it('ends at 40 when 40 concurrent requests to one session each update(n => n + 1)', async () => {
    const client = new Client(host.url)
    await client.post('/login?name=max')
    const responses = await Promise.all(Array.from({ length: 40 }, () => client.get('/increment')))
    expect(responses.map((r) => r.status)).toEqual(Array(40).fill(200))
    expect(errors).toEqual([])
    // A body was computed before its write, from the value then loaded; what was stored is the
    // replay of all 40 increments.
    expect(JSON.parse((await client.get('/dump')).body)).toMatchObject({ n: 40 })
  }, 30_000)

  it('writes nothing to the store for 1000 visitors who only get a form token', async () => {
    const { store } = opened
    let writes = 0
    // The real store, its writes counted (a spread copy: the engine uses its promise methods).
    const counted: SessionStore = {
      ...store,
      set: (...args) => {
        writes++
        return store.set(...args)
      },
    }
    const visitorHost = await startStoreHost({ secret: SECRET, store: counted })
    const tokens = new Set<string>()
    for (let batch = 0; batch < 10; batch++) {
      const visitors = Array.from({ length: 100 }, () => new Client(visitorHost.url))
      const responses = await Promise.all(visitors.map((visitor) => visitor.get('/csrf-token')))
      for (const response of responses) tokens.add(response.body)
      expect(visitors.every((visitor) => !visitor.jar.has('session'))).toBe(true)
    }
    expect(tokens.size).toBe(1000)
    expect(writes).toBe(0)
    // The same server writes as soon as a visitor logs in.
    await new Client(visitorHost.url).post('/login')
    expect(writes).toBe(1)
    await visitorHost.close()
  }, 60_000)

  it('never shows 200 concurrent clients one another’s data', async () => {
    const clients = Array.from({ length: 200 }, () => new Client(host.url))
    const seen = await Promise.all(
      clients.map(async (client, i) => {
        await client.post(`/login?name=user-${i}`)
        await client.get(`/put?key=secret&value=s-${i}`)
        return JSON.parse((await client.get('/dump')).body) as Record<string, string>
      }),
    )
    for (const [i, data] of seen.entries())
      expect(data).toEqual({ username: `user-${i}`, secret: `s-${i}` })
    expect(new Set(clients.map((client) => client.jar.get('session'))).size).toBe(200)
    expect(errors).toEqual([])
  }, 60_000)

  it('logs a user out on every client with destroyUserSessions(userId)', async () => {
    const laptops = [new Client(host.url), new Client(host.url), new Client(host.url)]
    const other = new Client(host.url)
    for (const laptop of laptops) await laptop.post('/login?name=nina')
    await other.post('/login?name=omar')
    expect(await host.destroyUserSessions('nina')).toBe(3)
    for (const laptop of laptops) expect((await laptop.get('/')).body).toBe('Please log in')
    expect((await other.get('/')).body).toBe('Welcome, omar!')
    expect(await host.destroyUserSessions('nina')).toBe(0)
  })
}

describe('store sessions over HTTP: memory', () =>
  storeSessionTests(async () => ({ store: memoryStore(), close: async () => {} })))
describe('store sessions over HTTP: sqlite', () => storeSessionTests(sqlite))
for (const driver of ['ioredis', 'node-redis'] as const) {
  describeWithRedis(`store sessions over HTTP: redis through ${driver}`, () =>
    storeSessionTests(redis(driver)),
  )
}

describeWithPostgres('store sessions over HTTP: postgres', () => {
  let pool: pg.Pool
  let sql: postgres.Sql
  let schema: string
  let dropSchema: () => Promise<void>
  let tables = 0
  beforeAll(async () => {
    pool = openPool({ max: 10 })
    sql = postgres(POSTGRES_URL, { max: 10, onnotice: () => {} })
    ;({ schema, drop: dropSchema } = await createSchema(pool, 'engine'))
  })
  afterAll(async () => {
    await dropSchema?.()
    await sql?.end()
    await pool?.end()
  })
  for (const driver of ['pg', 'postgres.js'] as const) {
    describe(`through ${driver}`, () =>
      storeSessionTests(async () => {
        const client = driver === 'pg' ? { pool } : { sql }
        const store = postgresStore({ ...client, schema, table: `sessions_${tables++}` })
        return { store, close: () => store.close() }
      }))
  }
})
