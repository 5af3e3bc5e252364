import {
  assertSessionId,
  CrumbsError,
  type SessionRecord,
  type SessionStore,
  type StoredSession,
  type StoreSetOptions,
  type StoreSetResult,
} from '@crumbs/core'
import { assertTtl, storeUnavailable } from '../internal/store-checks.js'
import { type RedisClientLike, redisCommands } from './redis-client.js'
import { durableWrite, notReplicated, type ReplicaWait } from './redis-durable-write.js'
import { DELETE_SESSION, SET_SESSION, TOUCH_SESSION } from './redis-scripts.js'
import { redisUserIndex, USER_INDEX_TIMING, type UserIndexTiming } from './redis-user-index.js'

export type {
  IoredisLikeClient,
  NodeRedisClusterBatch,
  NodeRedisClusterLike,
  NodeRedisLikeClient,
  RedisClientLike,
} from './redis-client.js'

/** Options of {@link redisStore}. */
export interface RedisStoreOptions {
  /**
   * The app's own connected client: ioredis (`new Redis(url)` or `new Cluster(nodes)`) or
   * node-redis (`await createClient({ url }).connect()` or `await createCluster({ rootNodes
   * }).connect()`). The store never closes it and adds no listeners: attach your own `'error'`
   * listener, or a dropped connection can crash the process.
   */
  client: RedisClientLike
  /** Prepended to every key, so several apps can share one Redis. @default 'crumbs:' */
  prefix?: string
  /**
   * Replicas that must have each write before the store reports it done (Redis `WAIT` on the
   * master that took it). Replication is asynchronous: without this, a master that dies right
   * after acknowledging a write can lose it in the failover. With one replica per master, `1`
   * means an acknowledged write survives the loss of its master; a write its replicas do not
   * acknowledge within `replicaTimeout` fails with `STORE_UNAVAILABLE` (it may still survive).
   * Leave it at `0` on a Redis without replicas, where every write would wait and fail.
   * @default 0
   */
  waitForReplicas?: number
  /** Seconds a write waits for `waitForReplicas` replicas, above 0 and at most 10. @default 1 */
  replicaTimeout?: number
}

const DEFAULTS = Object.freeze({ prefix: 'crumbs:', waitForReplicas: 0, replicaTimeout: 1 })

/** Sets and touches try this many times when their write lands past its fence. */
const ATTEMPTS = 3

function invalid(option: string, expected: string): never {
  throw new CrumbsError('INVALID_OPTION', `redisStore \`${option}\` must be ${expected}.`, {
    details: { option },
  })
}

function resolveOptions(options: RedisStoreOptions) {
  if (
    typeof options !== 'object' ||
    options === null ||
    typeof options.client !== 'object' ||
    options.client === null
  ) {
    invalid('client', 'an ioredis or node-redis client')
  }
  const prefix = options.prefix ?? DEFAULTS.prefix
  if (typeof prefix !== 'string') invalid('prefix', 'a string')
  const replicas = options.waitForReplicas ?? DEFAULTS.waitForReplicas
  if (!Number.isInteger(replicas) || replicas < 0) {
    invalid('waitForReplicas', 'a whole number of replicas')
  }
  const timeout = options.replicaTimeout ?? DEFAULTS.replicaTimeout
  if (typeof timeout !== 'number' || !(timeout > 0 && timeout <= 10)) {
    invalid('replicaTimeout', 'a number of seconds above 0 and at most 10')
  }
  const redis = redisCommands(options.client)
  if (replicas > 0 && !redis.canWait) {
    invalid('waitForReplicas', 'used with a client that has `pipeline` (ioredis) or is node-redis')
  }
  const wait: ReplicaWait | undefined =
    replicas === 0 ? undefined : { replicas, timeoutMs: Math.max(1, Math.round(timeout * 1000)) }
  return Object.freeze({ redis, prefix, wait })
}

/**
 * Sessions in Redis, shared by every app instance behind a load balancer, on one server or a
 * Redis Cluster. Keys: `<prefix>sess:<id>` is a hash (record, version, expiry, user id) whose
 * Redis expiry is the session TTL; `<prefix>user:<userId>` is a sorted set of the sessions
 * announced under that user.
 *
 * Every write is one Lua script on one key (EVALSHA, falling back to EVAL once), so the version
 * check and the write are atomic, on a single server and on Redis Cluster alike. A session key
 * and its user's index live in different cluster slots (no hash tag can join them: a session is
 * found by id alone), so the index is kept by a protocol instead: a write is announced in the
 * index first and must land within a fence after; listing or deleting checks each member
 * against the session's own user field and prunes members that no write can still need. See
 * docs/architecture/redis-keys.md.
 *
 * Any driver error, including a dropped connection, rejects with `STORE_UNAVAILABLE` and the
 * driver's error as `cause`; the engine bounds every call with its `storeTimeout`.
 *
 * @example
 * import { Redis } from 'ioredis'
 * import { redisStore } from '@crumbs/server/stores/redis'
 * const client = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379')
 * client.on('error', (error) => console.error('redis', error))
 * app.use(session({ secret: process.env.SECRET_KEY!, store: redisStore({ client }), userKey: 'userId' }))
 *
 * @example
 * import { createCluster } from 'redis'
 * import { redisStore } from '@crumbs/server/stores/redis'
 * const client = createCluster({ rootNodes: [{ url: 'redis://10.0.0.1:6379' }] })
 * client.on('error', (error) => console.error('redis', error))
 * await client.connect()
 * const store = redisStore({ client, waitForReplicas: 1 })
 */
export function redisStore(options: RedisStoreOptions): SessionStore {
  return createRedisStore(options, USER_INDEX_TIMING)
}

/** {@link redisStore} with the user index' fence and grace given: for tests that shorten them. */
export function createRedisStore(
  options: RedisStoreOptions,
  timing: UserIndexTiming,
): SessionStore {
  const { redis, prefix, wait } = resolveOptions(options)
  const write = durableWrite(redis, wait)
  const sessionKey = (id: string): string => `${prefix}sess:${id}`
  const userKey = (userId: string): string => `${prefix}user:${userId}`
  const index = redisUserIndex({ redis, write, wait, sessionKey, userKey, timing })

  async function run<T>(operation: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn()
    } catch (error) {
      throw storeUnavailable('redis', operation, error)
    }
  }

  /** The fence a write of `id` must land by: '' for an anonymous session, else announced now. */
  async function announce(userId: string | null | undefined, id: string, ttlMs: number) {
    return userId == null ? '' : String(await index.announce(userId, id, ttlMs))
  }

  return {
    async get(id: string): Promise<StoredSession | undefined> {
      assertSessionId(id)
      return run('get', async () => {
        const [record, version, expiresAt] = (await redis.command(sessionKey(id), [
          'HMGET',
          sessionKey(id),
          'r',
          'v',
          'e',
        ])) as (string | null)[]
        if (record == null || version == null || expiresAt == null) return undefined
        return {
          record: JSON.parse(record) as SessionRecord,
          version: Number(version),
          expiresAt: Math.floor(Number(expiresAt) / 1000),
        }
      })
    },

    async set(
      id: string,
      record: SessionRecord,
      { ttl, expectedVersion }: StoreSetOptions,
    ): Promise<StoreSetResult> {
      assertSessionId(id)
      assertTtl(ttl)
      const json = JSON.stringify(record)
      const ttlMs = Math.ceil(ttl * 1000)
      const userId = record.userId
      const mode =
        expectedVersion === undefined
          ? ''
          : expectedVersion === null
            ? '-'
            : String(expectedVersion)
      const user = userId === undefined ? ['0', ''] : ['1', userId]
      return run('set', async () => {
        for (let i = 1; ; i++) {
          const fence = await announce(userId, id, ttlMs)
          const { reply, replicated } = await write(SET_SESSION, sessionKey(id), [
            mode,
            json,
            String(ttlMs),
            String(Date.now() + ttlMs),
            ...user,
            fence,
          ])
          const [status, version] = reply as [number, number?]
          if (status === 1 && !replicated) throw notReplicated(wait)
          if (status === 1) return { ok: true, version: Number(version) }
          if (status === 0) return { ok: false, reason: 'conflict' }
          // Landed past its fence, so it wrote nothing: announce it again.
          if (i === ATTEMPTS) throw new Error(`The session write landed past its fence ${i} times.`)
        }
      })
    },

    async touch(id: string, ttl: number): Promise<void> {
      assertSessionId(id)
      assertTtl(ttl)
      const ttlMs = Math.ceil(ttl * 1000)
      await run('touch', async () => {
        for (let i = 1; ; i++) {
          // The index of the session's user must outlive it, so it is extended first; the
          // script refuses when the session names another user by then (or lands past its
          // fence), and this starts over.
          const userId = (await redis.command(sessionKey(id), ['HGET', sessionKey(id), 'u'])) as
            | string
            | null
          const fence = await announce(userId, id, ttlMs)
          const { reply, replicated } = await write(TOUCH_SESSION, sessionKey(id), [
            String(ttlMs),
            String(Date.now() + ttlMs),
            ...(userId == null ? ['0', ''] : ['1', userId]),
            fence,
          ])
          const status = Number(reply)
          if (status === 1 && !replicated) throw notReplicated(wait)
          if (status !== 2) return
          if (i === ATTEMPTS) throw new Error(`The session changed user during touch ${i} times.`)
        }
      })
    },

    async delete(id: string): Promise<void> {
      assertSessionId(id)
      // Its index entry stays until a listing finds the session gone and its grace over.
      await run('delete', async () => {
        const { replicated } = await write(DELETE_SESSION, sessionKey(id), [])
        if (!replicated) throw notReplicated(wait)
      })
    },

    async listUserSessions(userId: string): Promise<string[]> {
      return run('listUserSessions', () => index.sessions(userId, false))
    },

    async deleteUserSessions(userId: string): Promise<number> {
      return run('deleteUserSessions', async () => (await index.sessions(userId, true)).length)
    },
  }
}
