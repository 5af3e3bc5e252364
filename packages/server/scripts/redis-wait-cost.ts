// What waitForReplicas: 1 costs a Redis store's writes, on a loopback Redis Cluster of three
// masters with one replica each (the test harness' cluster). Prints a markdown table; the
// figures go to docs/architecture/redis-keys.md with their date.
//
//   node --conditions=@crumbs/source --import tsx scripts/redis-wait-cost.ts
import { generateSessionId, type SessionRecord, type SessionStore } from '@crumbs/core'
import { Cluster } from 'ioredis'
import { createCluster } from 'redis'
import { type RedisClientLike, redisStore } from '../src/entries/stores/redis.js'
import { RedisCluster } from '../test/harness/redis-cluster.js'

const record = (userId?: string): SessionRecord => ({
  data: { username: 'john', views: 3 },
  createdAt: 0,
  touchedAt: 0,
  permanent: false,
  ...(userId === undefined ? {} : { userId }),
})

/** Mean microseconds of one write, one at a time. */
async function latency(store: SessionStore, userId: string | undefined, n: number) {
  const ids = Array.from({ length: n }, generateSessionId)
  const started = performance.now()
  for (const id of ids) await store.set(id, record(userId), { ttl: 600 })
  return ((performance.now() - started) * 1000) / n
}

/** Writes per second with `inFlight` of them at a time. */
async function throughput(
  store: SessionStore,
  userId: string | undefined,
  n: number,
  inFlight: number,
) {
  const ids = Array.from({ length: n }, generateSessionId)
  let next = 0
  const started = performance.now()
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (next < ids.length) await store.set(ids[next++]!, record(userId), { ttl: 600 })
    }),
  )
  return n / ((performance.now() - started) / 1000)
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!
const ROUNDS = 5
const cluster = await RedisCluster.start()
const closers: (() => void)[] = []
try {
  const stores = new Map<string, SessionStore>()
  for (const driver of ['ioredis', 'node-redis'] as const) {
    let client: RedisClientLike
    if (driver === 'ioredis') {
      const io = new Cluster(cluster.addresses)
      client = io
      closers.push(() => io.disconnect())
    } else {
      const nr = createCluster({
        rootNodes: cluster.addresses.map(({ host, port }) => ({ url: `redis://${host}:${port}` })),
      })
      await nr.connect()
      client = nr
      closers.push(() => nr.destroy())
    }
    for (const waitForReplicas of [0, 1]) {
      const prefix = `cost:${driver}:${waitForReplicas}:`
      stores.set(`${driver} | ${waitForReplicas}`, redisStore({ client, prefix, waitForReplicas }))
    }
  }
  const writes = [
    ['anonymous', undefined],
    ['logged in', 'ann'],
  ] as const
  const results = new Map<string, { us: number[]; ops: number[] }>()
  // Rounds interleave the configurations, so that load from elsewhere falls on all of them.
  for (let round = 0; round <= ROUNDS; round++) {
    for (const [name, store] of stores) {
      for (const [write, userId] of writes) {
        const us = await latency(store, userId, 500)
        const ops = await throughput(store, userId, 2000, 50)
        if (round === 0) continue // warm-up: scripts loaded, connections open
        const row = results.get(`${name} | ${write}`) ?? { us: [], ops: [] }
        row.us.push(us)
        row.ops.push(ops)
        results.set(`${name} | ${write}`, row)
      }
    }
  }
  console.log(`| client | waitForReplicas | write | µs, one at a time | writes/s, 50 at a time |`)
  console.log('| --- | --- | --- | --- | --- |')
  for (const [key, { us, ops }] of results) {
    console.log(`| ${key} | ${median(us).toFixed(0)} | ${median(ops).toFixed(0)} |`)
  }
  console.log(`(medians of ${ROUNDS} rounds)`)
} finally {
  for (const close of closers) close()
  await cluster.stop()
}
