import { createServer } from 'node:net'
import { generateSessionId, isCrumbsError, type SessionRecord } from '@crumbs/core'
import { Cluster, Redis } from 'ioredis'
import { createClient, createCluster } from 'redis'
import { afterAll, describe, expect, it } from 'vitest'
import { describeWithCluster, openClusterClient } from '../../test/harness/redis-cluster-env.js'
import {
  deleteKeys,
  describeWithRedis,
  openRedisClient,
  type RedisDriver,
  uniquePrefix,
} from '../../test/harness/redis-env.js'
import { describeStoreContract } from '../../test/stores/store-contract.js'
import type { RedisClientLike } from './redis-client.js'
import { redisStore } from './redis-store.js'

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise((resolve) => server.close(resolve))
  return port
}

/** A client of `driver` whose server is gone: commands fail at once instead of queueing. */
async function deadClient(
  driver: RedisDriver,
): Promise<{ client: RedisClientLike; close(): Promise<void> }> {
  const url = `redis://127.0.0.1:${await closedPort()}`
  if (driver === 'ioredis') {
    const client = new Redis(url, {
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
    })
    client.on('error', () => {})
    return { client, close: async () => client.disconnect() }
  }
  // Never connected: node-redis rejects every command with ClientClosedError.
  const client = createClient({ url })
  client.on('error', () => {})
  return { client, close: async () => {} }
}

/** A cluster client of `driver` whose only seed node is gone. */
async function deadCluster(
  driver: RedisDriver,
): Promise<{ client: RedisClientLike; close(): Promise<void> }> {
  const port = await closedPort()
  if (driver === 'ioredis') {
    // Retrying, as an app's client would: a batch waits for the next failed attempt (a client
    // that gave up holds a batch for ever, until the engine's storeTimeout).
    const client = new Cluster([{ host: '127.0.0.1', port }], {
      enableOfflineQueue: false,
      clusterRetryStrategy: () => 50,
    })
    client.on('error', () => {})
    return { client, close: async () => client.disconnect() }
  }
  // Never connected: node-redis has no slot map and rejects every command.
  const client = createCluster({ rootNodes: [{ url: `redis://127.0.0.1:${port}` }] })
  client.on('error', () => {})
  return { client, close: async () => {} }
}

const prefixes: string[] = []
afterAll(async () => {
  if (prefixes.length > 0) await Promise.all(prefixes.map((prefix) => deleteKeys(prefix)))
})

for (const driver of ['ioredis', 'node-redis'] as const) {
  describeWithRedis(`redis store through ${driver}`, () => {
    describeStoreContract(`redis (${driver})`, {
      async open() {
        const { client, close } = await openRedisClient(driver)
        const prefix = uniquePrefix(driver)
        prefixes.push(prefix)
        return {
          store: redisStore({ client, prefix }),
          elapse: (seconds) => sleep(seconds * 1000),
          close,
        }
      },
      async openBroken() {
        const { client, close } = await deadClient(driver)
        return { store: redisStore({ client }), elapse: (seconds) => sleep(seconds * 1000), close }
      },
    })
  })
}

for (const driver of ['ioredis', 'node-redis'] as const) {
  describeWithCluster(`redis store on a Redis Cluster through ${driver}`, () => {
    // Keys of a run die with its cluster: no cleanup.
    describeStoreContract(`redis cluster (${driver}, waiting for 1 replica)`, {
      async open() {
        const { client, close } = await openClusterClient(driver)
        return {
          store: redisStore({ client, prefix: uniquePrefix(driver), waitForReplicas: 1 }),
          elapse: (seconds) => sleep(seconds * 1000),
          close,
        }
      },
      async openBroken() {
        const { client, close } = await deadCluster(driver)
        return {
          store: redisStore({ client, waitForReplicas: 1 }),
          elapse: (seconds) => sleep(seconds * 1000),
          close,
        }
      },
    })
  })
}

const record = (userId?: string): SessionRecord => ({
  data: { username: 'john' },
  createdAt: 0,
  touchedAt: 0,
  permanent: false,
  ...(userId === undefined ? {} : { userId }),
})

describeWithRedis('redisStore', () => {
  it('keeps its keys under the prefix, with the session TTL as the Redis expiry', async () => {
    const { client, close } = await openRedisClient('ioredis')
    const prefix = uniquePrefix('layout')
    prefixes.push(prefix)
    const store = redisStore({ client: client as Redis, prefix })
    const id = generateSessionId()
    await store.set(id, record('ann'), { ttl: 120 })
    const redis = client as Redis
    expect((await redis.keys(`${prefix}*`)).sort()).toEqual([
      `${prefix}sess:${id}`,
      `${prefix}user:ann`,
    ])
    expect(await redis.pttl(`${prefix}sess:${id}`)).toBeGreaterThan(119_000)
    // The user index outlives its newest session.
    expect(await redis.pttl(`${prefix}user:ann`)).toBeGreaterThan(
      await redis.pttl(`${prefix}sess:${id}`),
    )
    await close()
  })

  it('loads its scripts again after SCRIPT FLUSH', async () => {
    const { client, close } = await openRedisClient('node-redis')
    const prefix = uniquePrefix('flush')
    prefixes.push(prefix)
    const store = redisStore({ client, prefix })
    const id = generateSessionId()
    await store.set(id, record(), { ttl: 60 })
    await (client as ReturnType<typeof createClient>).sendCommand(['SCRIPT', 'FLUSH'])
    expect(await store.set(id, record(), { ttl: 60, expectedVersion: 1 })).toEqual({
      ok: true,
      version: 2,
    })
    await close()
  })

  it('shares sessions between an ioredis and a node-redis client on one prefix', async () => {
    const io = await openRedisClient('ioredis')
    const node = await openRedisClient('node-redis')
    const prefix = uniquePrefix('shared')
    prefixes.push(prefix)
    const a = redisStore({ client: io.client, prefix })
    const b = redisStore({ client: node.client, prefix })
    const id = generateSessionId()
    await a.set(id, record('zoe'), { ttl: 60 })
    expect(await b.get(id)).toMatchObject({ version: 1, record: { userId: 'zoe' } })
    expect(await b.deleteUserSessions('zoe')).toBe(1)
    expect(await a.get(id)).toBeUndefined()
    await io.close()
    await node.close()
  })

  it.each(['ioredis', 'node-redis'] as const)(
    'fails a write with STORE_UNAVAILABLE through %s when no replica acknowledges it in time',
    async (driver) => {
      // The test Redis has no replicas: WAIT answers 0 after the timeout.
      const { client, close } = await openRedisClient(driver)
      const prefix = uniquePrefix('wait')
      prefixes.push(prefix)
      const store = redisStore({ client, prefix, waitForReplicas: 1, replicaTimeout: 0.05 })
      const id = generateSessionId()
      const writes: (() => Promise<unknown>)[] = [
        () => store.set(id, record(), { ttl: 60 }),
        () => store.set(id, record('una'), { ttl: 60 }),
        () => store.delete(id),
      ]
      for (const write of writes) {
        const error = await write().then(
          () => undefined,
          (e: unknown) => e,
        )
        expect(isCrumbsError(error, 'STORE_UNAVAILABLE')).toBe(true)
        expect(String((error as Error).cause)).toMatch(/WAIT/)
      }
      await close()
    },
  )
})

describe('redisStore on a node-redis cluster', () => {
  it('sends every command to the owner of its key, and a write with its WAIT as one batch', async () => {
    const sent: [string | undefined, string[]][] = []
    const batches: [string | undefined, string[]][][] = []
    const cluster = {
      masters: [],
      sendCommand: async (firstKey: string | undefined, _readonly: unknown, args: string[]) => {
        sent.push([firstKey, args])
        return [null, null, null]
      },
      multi() {
        const batch: [string | undefined, string[]][] = []
        batches.push(batch)
        const multi = {
          addCommand(firstKey: string | undefined, _readonly: unknown, args: string[]) {
            batch.push([firstKey, args])
            return multi
          },
          execAsPipeline: async () => [[1, 1], 1],
        }
        return multi
      },
    }
    const store = redisStore({ client: cluster, prefix: 'p:', waitForReplicas: 1 })
    const id = generateSessionId()
    expect(await store.get(id)).toBeUndefined()
    expect(sent).toEqual([[`p:sess:${id}`, ['HMGET', `p:sess:${id}`, 'r', 'v', 'e']]])
    expect(await store.set(id, record(), { ttl: 60 })).toEqual({ ok: true, version: 1 })
    expect(batches).toHaveLength(1)
    expect(batches[0]!.map(([key, [command]]) => [key, command])).toEqual([
      [`p:sess:${id}`, 'EVALSHA'],
      [`p:sess:${id}`, 'WAIT'],
    ])
    expect(batches[0]![1]![1]).toEqual(['WAIT', '1', '1000'])
  })
})

/** An ioredis-shaped client without `pipeline`. */
const callOnly = { call: async (): Promise<unknown> => null }

describe('redisStore options', () => {
  it.each([
    ['no options', undefined],
    ['no client', {}],
    ['a client without call or sendCommand', { client: { get() {} } }],
    ['a prefix that is not a string', { client: callOnly, prefix: 1 }],
    ['a negative waitForReplicas', { client: callOnly, waitForReplicas: -1 }],
    ['a fractional waitForReplicas', { client: callOnly, waitForReplicas: 1.5 }],
    ['a replicaTimeout of 0', { client: callOnly, replicaTimeout: 0 }],
    ['a replicaTimeout over 10 s', { client: callOnly, replicaTimeout: 11 }],
    ['a replicaTimeout that is not a number', { client: callOnly, replicaTimeout: '1' }],
    [
      'waitForReplicas with an ioredis-like client without pipeline',
      { client: callOnly, waitForReplicas: 1 },
    ],
  ])('refuses %s with INVALID_OPTION at creation', (_, options) => {
    let error: unknown
    try {
      redisStore(options as unknown as Parameters<typeof redisStore>[0])
    } catch (e) {
      error = e
    }
    expect(isCrumbsError(error, 'INVALID_OPTION')).toBe(true)
  })

  it('sends no command for an invalid id', async () => {
    const sent: unknown[] = []
    const store = redisStore({
      client: {
        sendCommand: async (args: string[]) => {
          sent.push(args)
          return null
        },
      },
    })
    await expect(store.get('../../etc/passwd')).rejects.toMatchObject({
      code: 'INVALID_SESSION_ID',
    })
    await expect(store.set('*', record(), { ttl: 1 })).rejects.toMatchObject({
      code: 'INVALID_SESSION_ID',
    })
    expect(sent).toEqual([])
  })
})
