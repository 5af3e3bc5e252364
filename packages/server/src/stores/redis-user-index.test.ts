import { generateSessionId, type SessionRecord, type SessionStore } from '@crumbs/core'
import fc from 'fast-check'
import type { Redis } from 'ioredis'
import { afterAll, afterEach, beforeEach, expect, it } from 'vitest'
import { describeWithCluster, openClusterClient } from '../../test/harness/redis-cluster-env.js'
import {
  deleteKeys,
  describeWithRedis,
  openRedisClient,
  uniquePrefix,
} from '../../test/harness/redis-env.js'
import { type IoredisLikeClient, type RedisClientLike, redisCommands } from './redis-client.js'
import { SET_SESSION } from './redis-scripts.js'
import { createRedisStore, type RedisStoreOptions } from './redis-store.js'
import { USER_INDEX_TIMING, type UserIndexTiming } from './redis-user-index.js'

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))
/** A fence and grace short enough to wait out in a test. */
const SHORT: UserIndexTiming = { fence: 200, grace: 400 }

const record = (userId?: string): SessionRecord => ({
  data: { n: 1 },
  createdAt: 0,
  touchedAt: 0,
  permanent: false,
  ...(userId === undefined ? {} : { userId }),
})

const standalonePrefixes: string[] = []
afterAll(async () => {
  await Promise.all(standalonePrefixes.map((prefix) => deleteKeys(prefix)))
})

interface Target {
  readonly name: string
  readonly describe: (name: string, body: () => void) => void
  open(): Promise<{ client: RedisClientLike; close(): Promise<void> }>
  readonly options: Partial<RedisStoreOptions>
}

const targets: Target[] = [
  {
    name: 'one Redis (ioredis)',
    describe: describeWithRedis,
    open: () => openRedisClient('ioredis'),
    options: {},
  },
  {
    name: 'a Redis Cluster (ioredis, waiting for 1 replica)',
    describe: describeWithCluster,
    open: () => openClusterClient('ioredis'),
    options: { waitForReplicas: 1 },
  },
  {
    name: 'a Redis Cluster (node-redis, waiting for 1 replica)',
    describe: describeWithCluster,
    open: () => openClusterClient('node-redis'),
    options: { waitForReplicas: 1 },
  },
]

for (const target of targets) {
  target.describe(`redis user index on ${target.name}`, () => {
    let client: RedisClientLike
    let close: () => Promise<void>
    let prefix: string
    beforeEach(async () => {
      ;({ client, close } = await target.open())
      prefix = uniquePrefix('user-index')
      if (target.describe === describeWithRedis) standalonePrefixes.push(prefix)
    })
    afterEach(async () => {
      await close()
    })

    const store = (timing = USER_INDEX_TIMING): SessionStore =>
      createRedisStore({ client, prefix, ...target.options }, timing)
    /** The raw index of `userId`: member → score. */
    async function members(userId: string): Promise<Map<string, number>> {
      const key = `${prefix}user:${userId}`
      const flat = (await redisCommands(client).command(key, [
        'ZRANGE',
        key,
        '0',
        '-1',
        'WITHSCORES',
      ])) as string[]
      return new Map(flat.flatMap((v, i) => (i % 2 === 0 ? [[v, Number(flat[i + 1])]] : [])))
    }
    /** Makes every member of `userId`'s index look announced long ago, as if time passed. */
    async function age(userId: string, score = 1): Promise<void> {
      const key = `${prefix}user:${userId}`
      for (const id of (await members(userId)).keys()) {
        await redisCommands(client).command(key, ['ZADD', key, 'XX', String(score), id])
      }
    }

    it('lists a session under the user it names now, and prunes the old entry once its grace is over', async () => {
      const s = store(SHORT)
      const id = generateSessionId()
      await s.set(id, record('dave'), { ttl: 600 })
      await s.set(id, record('erin'), { ttl: 600, expectedVersion: 1 })
      expect(await s.listUserSessions('dave')).toEqual([])
      expect(await s.deleteUserSessions('dave')).toBe(0)
      // Within its grace the old entry stays: a write announced under dave could still land.
      expect([...(await members('dave')).keys()]).toEqual([id])
      await sleep(SHORT.grace + 100)
      expect(await s.listUserSessions('dave')).toEqual([])
      expect(await members('dave')).toEqual(new Map())
      expect(await s.listUserSessions('erin')).toEqual([id])
      expect([...(await members('erin')).keys()]).toEqual([id])
    })

    it('prunes the entries of deleted, expired and anonymous-again sessions, and keeps live ones', async () => {
      const s = store()
      const [deleted, expired, anonymous, live] = Array.from({ length: 4 }, generateSessionId)
      for (const id of [deleted, expired, anonymous, live]) {
        await s.set(id!, record('frank'), { ttl: id === expired ? 1 : 600 })
      }
      await s.delete(deleted!)
      await s.set(anonymous!, record(), { ttl: 600 })
      await sleep(1200)
      expect(await s.listUserSessions('frank')).toEqual([live])
      expect((await members('frank')).size).toBe(4)
      await age('frank')
      expect(await s.listUserSessions('frank')).toEqual([live])
      expect([...(await members('frank')).keys()]).toEqual([live])
    })

    it('reads an index written by 0.1.0 (scores were expiry times): a future score keeps its entry', async () => {
      const s = store()
      const [gone, old, live] = Array.from({ length: 3 }, generateSessionId)
      await s.set(live!, record('gina'), { ttl: 600 })
      const key = `${prefix}user:gina`
      const zadd = (score: number, id: string) =>
        redisCommands(client).command(key, ['ZADD', key, String(score), id])
      await zadd(Date.now() + 3_600_000, gone!)
      await zadd(Date.now() - 3_600_000, old!)
      expect(await s.listUserSessions('gina')).toEqual([live])
      expect([...(await members('gina')).keys()].sort()).toEqual([gone, live].sort())
    })

    it('keeps every live session listed under its user through concurrent writes, moves, deletes and touches', async () => {
      const users = ['ann', 'bob', 'cy'] as const
      const ids = Array.from({ length: 4 }, generateSessionId)
      const op = fc.oneof(
        fc.record({
          kind: fc.constant('set' as const),
          id: fc.constantFrom(...ids),
          user: fc.option(fc.constantFrom(...users), { nil: undefined }),
        }),
        fc.record({ kind: fc.constant('delete' as const), id: fc.constantFrom(...ids) }),
        fc.record({ kind: fc.constant('touch' as const), id: fc.constantFrom(...ids) }),
        fc.record({ kind: fc.constant('list' as const), user: fc.constantFrom(...users) }),
        fc.record({ kind: fc.constant('deleteAll' as const), user: fc.constantFrom(...users) }),
      )
      const s = store()
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.array(op, { minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 4 }),
          async (batches) => {
            for (const batch of batches) {
              await Promise.all(
                batch.map((o) => {
                  switch (o.kind) {
                    case 'set':
                      return s.set(o.id, record(o.user), { ttl: 600 })
                    case 'delete':
                      return s.delete(o.id)
                    case 'touch':
                      return s.touch(o.id, 900)
                    case 'list':
                      return s.listUserSessions(o.user)
                    default:
                      return s.deleteUserSessions(o.user)
                  }
                }),
              )
              const owners = new Map<string, string[]>(users.map((u) => [u, []]))
              for (const id of ids) {
                const userId = (await s.get(id))?.record.userId
                if (userId !== undefined) owners.get(userId)!.push(id)
              }
              for (const user of users) {
                const expected = owners.get(user)!.sort()
                // The index holds every live session of the user (and perhaps more)…
                const indexed = await members(user)
                for (const id of expected) expect(indexed.has(id)).toBe(true)
                // …lists exactly them…
                expect(await s.listUserSessions(user)).toEqual(expected)
                // …and once no write can be in flight, prunes down to exactly them.
                await age(user)
                expect(await s.listUserSessions(user)).toEqual(expected)
                expect([...(await members(user)).keys()].sort()).toEqual(expected)
              }
            }
          },
        ),
        { numRuns: 12 },
      )
    }, 120_000)

    it('never misses a live session in deleteUserSessions while the user logs in and sessions move away', async () => {
      const s = store()
      const before = Array.from({ length: 20 }, generateSessionId)
      await Promise.all(before.map((id) => s.set(id, record('hal'), { ttl: 600 })))
      const moved = before.slice(0, 5)
      const during = Array.from({ length: 20 }, generateSessionId)
      const [deleted] = await Promise.all([
        s.deleteUserSessions('hal'),
        ...during.map((id) => s.set(id, record('hal'), { ttl: 600, expectedVersion: null })),
        ...moved.map((id) => s.set(id, record('ivy'), { ttl: 600 })),
      ])
      for (const id of before.slice(5)) expect(await s.get(id)).toBeUndefined()
      for (const id of moved) expect((await s.get(id))?.record.userId).toBe('ivy')
      // A login racing the call either went first (deleted) or after (kept, and listed).
      const kept = []
      for (const id of during) if ((await s.get(id)) !== undefined) kept.push(id)
      expect(await s.listUserSessions('hal')).toEqual(kept.sort())
      // A moved session may also have been deleted first, then written again under ivy.
      expect(deleted).toBeGreaterThanOrEqual(15 + during.length - kept.length)
      expect(deleted).toBeLessThanOrEqual(20 + during.length - kept.length)
      expect((await s.listUserSessions('ivy')).sort()).toEqual([...moved].sort())
    })
  })
}

describeWithRedis('redis user index: the fence and the touch', () => {
  let redis: Redis
  let close: () => Promise<void>
  let prefix: string
  beforeEach(async () => {
    const opened = await openRedisClient('ioredis')
    redis = opened.client as Redis
    close = opened.close
    prefix = uniquePrefix('fence')
    standalonePrefixes.push(prefix)
  })
  afterEach(async () => {
    await close()
  })

  /** `redis` through `call`, with `around` run in place of each command. */
  const hooked = (
    around: (args: string[], send: () => Promise<unknown>) => Promise<unknown>,
  ): IoredisLikeClient => ({
    call: (command, ...args) => around([command, ...args], () => redis.call(command, ...args)),
  })
  const isSetSession = ([command, script]: string[]) =>
    (command === 'EVALSHA' && script === SET_SESSION.sha) ||
    (command === 'EVAL' && script === SET_SESSION.source)

  it('refuses a session write that lands past its fence, and announces it again', async () => {
    const replies: unknown[] = []
    let delayed = false
    const slow = createRedisStore(
      {
        prefix,
        client: hooked(async (args, send) => {
          if (!isSetSession(args)) return send()
          if (!delayed) {
            delayed = true
            await sleep(600)
          }
          const reply = await send()
          replies.push(reply)
          return reply
        }),
      },
      SHORT,
    )
    const fast = createRedisStore({ prefix, client: redis }, SHORT)
    const id = generateSessionId()
    const writing = slow.set(id, record('jon'), { ttl: 600 })
    // While the write is held up, a listing finds the session absent past the grace and prunes
    // its entry: the late write must not land then, or jon's index would miss it.
    await sleep(SHORT.grace + 50)
    expect(await fast.listUserSessions('jon')).toEqual([])
    expect(await redis.zscore(`${prefix}user:jon`, id)).toBeNull()
    expect(await writing).toEqual({ ok: true, version: 1 })
    expect(replies.map((reply) => (reply as number[])[0])).toEqual([2, 1])
    expect(await redis.zscore(`${prefix}user:jon`, id)).not.toBeNull()
    expect(await fast.listUserSessions('jon')).toEqual([id])
  })

  it('extends the index of the user a session names when it changes user during a touch', async () => {
    const other = createRedisStore({ prefix, client: redis }, USER_INDEX_TIMING)
    const id = generateSessionId()
    await other.set(id, record('kim'), { ttl: 60 })
    let moved = false
    const touching = createRedisStore(
      {
        prefix,
        client: hooked(async (args, send) => {
          const reply = await send()
          if (!moved && args[0] === 'HGET' && args[2] === 'u') {
            moved = true
            await other.set(id, record('lou'), { ttl: 1 })
          }
          return reply
        }),
      },
      USER_INDEX_TIMING,
    )
    await touching.touch(id, 7200)
    const sessionTtl = await redis.pttl(`${prefix}sess:${id}`)
    expect(sessionTtl).toBeGreaterThan(7_100_000)
    // The index lives past the session, or "log out everywhere" would miss it after an hour.
    expect(await redis.pttl(`${prefix}user:lou`)).toBeGreaterThan(sessionTtl)
    expect(await other.listUserSessions('lou')).toEqual([id])
    expect(await other.listUserSessions('kim')).toEqual([])
  })
})
