import type { SessionStore } from '@crumbs/core'
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest'
import { memoryStore } from '../src/entries/stores/memory.js'
import { redisStore } from '../src/entries/stores/redis.js'
import { Client } from './harness/client.js'
import {
  deleteKeys,
  describeWithRedis,
  openRedisClient,
  REDIS_ADDRESS,
  type RedisDriver,
  uniquePrefix,
} from './harness/redis-env.js'
import { type StoreHost, startStoreHost } from './harness/store-host.js'
import { TcpProxy } from './harness/tcp-proxy.js'

const SECRET = 'a-test-secret-that-is-long-enough-0001'
/** Seconds the engine gives each store call. */
const STORE_TIMEOUT = 1
const prefixes: string[] = []

afterAll(async () => {
  await Promise.all(prefixes.map((prefix) => deleteKeys(prefix)))
})

describeWithRedis('store outage: Redis goes away mid-test and comes back', () => {
  const cleanup: (() => Promise<void>)[] = []
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step()
  })

  async function start(
    driver: RedisDriver,
  ): Promise<{ proxy: TcpProxy; host: StoreHost; errors: unknown[] }> {
    const proxy = await TcpProxy.start(REDIS_ADDRESS)
    cleanup.push(() => proxy.close())
    const redis = await openRedisClient(driver, `redis://127.0.0.1:${proxy.port}`)
    cleanup.push(() => redis.close())
    const prefix = uniquePrefix(`outage-${driver}`)
    prefixes.push(prefix)
    const errors: unknown[] = []
    const host = await startStoreHost({
      secret: SECRET,
      store: redisStore({ client: redis.client, prefix }),
      storeTimeout: STORE_TIMEOUT,
      onError: (error) => errors.push(error),
    })
    cleanup.push(() => host.close())
    return { proxy, host, errors }
  }

  /** Status, body and milliseconds of one request. */
  async function timed(client: Client, path: string) {
    const started = performance.now()
    const response = await client.get(path)
    return { status: response.status, body: response.body, ms: performance.now() - started }
  }

  it.each([
    ['ioredis', 'pause'],
    ['ioredis', 'refuse'],
    ['node-redis', 'pause'],
    ['node-redis', 'refuse'],
  ] as const)(
    'answers 503 within storeTimeout through %s when Redis stops answering (%s), then recovers',
    async (driver, fault) => {
      const { proxy, host, errors } = await start(driver)
      const client = new Client(host.url)
      await client.post('/login?name=olga')
      expect((await client.get('/')).body).toBe('Welcome, olga!')

      proxy[fault]()
      // Loading the session fails: Express' error handler gets STORE_UNAVAILABLE.
      const read = await timed(client, '/')
      expect(read.status).toBe(503)
      expect(read.body).toBe('express error: STORE_UNAVAILABLE')
      expect(read.ms).toBeLessThan(STORE_TIMEOUT * 1000 + 1000)
      // A new session's commit fails too: the adapter answers 503 itself and reports the error.
      const write = await timed(new Client(host.url), '/count')
      expect(write.status).toBe(503)
      expect(write.ms).toBeLessThan(STORE_TIMEOUT * 1000 + 1000)
      expect(errors).toHaveLength(1)
      expect(errors[0]).toMatchObject({ code: 'STORE_UNAVAILABLE' })

      proxy.resume()
      await vi.waitFor(
        async () => {
          expect((await client.get('/')).body).toBe('Welcome, olga!')
        },
        { timeout: 10_000, interval: 250 },
      )
      expect((await client.get('/count')).status).toBe(200)
    },
    20_000,
  )
})

describe('store outage: writes that hang', () => {
  it('answers 5 concurrent writes to one session with 503 within twice storeTimeout, not five times', async () => {
    // A remote store: without the memory store's maybe-synchronous face, every call goes through its
    // promise and the timeout.
    const { maybeSync: _, ...memory } = memoryStore()
    let hang = false
    const store: SessionStore = {
      ...memory,
      set: (...args) => (hang ? new Promise(() => {}) : memory.set(...args)),
    }
    const host = await startStoreHost({
      secret: SECRET,
      store,
      storeTimeout: STORE_TIMEOUT,
      onError: () => {},
    })
    try {
      const client = new Client(host.url)
      await client.post('/login?name=ruth')
      hang = true
      const started = performance.now()
      const responses = await Promise.all(
        Array.from({ length: 5 }, (_, i) => client.get(`/put?key=k${i}`)),
      )
      expect(responses.map((r) => r.status)).toEqual(Array(5).fill(503))
      // Each commit waits at most storeTimeout for the one before it, then its own write times out.
      expect(performance.now() - started).toBeLessThan(2 * STORE_TIMEOUT * 1000 + 1000)
      hang = false
      expect((await client.get('/put?key=after')).status).toBe(200)
      expect((await client.get('/')).body).toBe('Welcome, ruth!')
    } finally {
      await host.close()
    }
  }, 20_000)
})
