import {
  assertSessionId,
  CrumbsError,
  isSessionId,
  type SessionRecord,
  type SessionStore,
  type StoredSession,
  type StoreSetOptions,
  type StoreSetResult,
} from '@crumbs/core'
import { assertTtl, storeUnavailable } from '../internal/store-checks.js'
import { type RedisClientLike, redisCommands } from './redis-client.js'
import { DELETE_IF_OWNED, INDEX_SESSION, SET_SESSION, TOUCH_SESSION } from './redis-scripts.js'

export type { IoredisLikeClient, NodeRedisLikeClient, RedisClientLike } from './redis-client.js'

/** Options of {@link redisStore}. */
export interface RedisStoreOptions {
  /**
   * The app's own connected client: ioredis (`new Redis(url)`, or a `Cluster`) or node-redis
   * (`await createClient({ url }).connect()`). The store never closes it and adds no listeners:
   * attach your own `'error'` listener, or a dropped connection can crash the process.
   */
  client: RedisClientLike
  /** Prepended to every key, so several apps can share one Redis. @default 'crumbs:' */
  prefix?: string
}

/**
 * Milliseconds an index entry outlives its session's expiry. The entry is written before the
 * session, so the slack covers the gap between the two commands and clock skew between app
 * instances.
 */
const INDEX_SLACK = 3_600_000

/**
 * Sessions in Redis, shared by every app instance behind a load balancer. Keys:
 * `<prefix>sess:<id>` is a hash (record, version, expiry, user id) whose Redis expiry is the
 * session TTL; `<prefix>user:<userId>` is a sorted set of that user's session ids, each scored
 * with a time no earlier than its session's expiry.
 *
 * Every write is one Lua script on one key (EVALSHA, falling back to EVAL once), so the version
 * check and the write are atomic, on a single server and on Redis Cluster alike. A session key
 * and its user's index live in different cluster slots (no hash tag can join them: a session is
 * found by id alone), so the index is kept as a superset instead: an id is added before its
 * session is written or extended, leaves only once its score has passed, and listing or
 * deleting checks each member against the session's own user field. See
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
 * import { createClient } from 'redis'
 * const client = createClient({ url: process.env.REDIS_URL })
 * client.on('error', (error) => console.error('redis', error))
 * await client.connect()
 * const store = redisStore({ client, prefix: 'myapp:' })
 */
export function redisStore(options: RedisStoreOptions): SessionStore {
  if (
    typeof options !== 'object' ||
    options === null ||
    typeof options.client !== 'object' ||
    options.client === null
  ) {
    throw new CrumbsError(
      'INVALID_OPTION',
      'redisStore needs `client`: an ioredis or node-redis client.',
      {
        details: { option: 'client' },
      },
    )
  }
  const prefix = options.prefix ?? 'crumbs:'
  if (typeof prefix !== 'string') {
    throw new CrumbsError('INVALID_OPTION', 'redisStore `prefix` must be a string.', {
      details: { option: 'prefix' },
    })
  }
  const redis = redisCommands(options.client)
  const sessionKey = (id: string): string => `${prefix}sess:${id}`
  const userKey = (userId: string): string => `${prefix}user:${userId}`

  async function run<T>(operation: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn()
    } catch (error) {
      throw storeUnavailable('redis', operation, error)
    }
  }

  const indexSession = (userId: string, id: string, ttlMs: number): Promise<unknown> =>
    redis.script(
      INDEX_SESSION,
      [userKey(userId)],
      [id, String(Date.now() + ttlMs + INDEX_SLACK), String(ttlMs + INDEX_SLACK)],
    )

  /** The live members of a user's index after dropping entries whose time has passed. */
  async function indexed(userId: string): Promise<string[]> {
    const key = userKey(userId)
    await redis.command(['ZREMRANGEBYSCORE', key, '-inf', `(${Date.now()}`])
    const ids = (await redis.command(['ZRANGE', key, '0', '-1'])) as string[]
    return ids.filter((id) => isSessionId(id))
  }

  return {
    async get(id: string): Promise<StoredSession | undefined> {
      assertSessionId(id)
      return run('get', async () => {
        const [record, version, expiresAt] = (await redis.command([
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
      return run('set', async () => {
        // Index first: if the process dies between the two, the index holds one id too many
        // (filtered out when read), never one too few.
        if (userId !== undefined) await indexSession(userId, id, ttlMs)
        const mode =
          expectedVersion === undefined
            ? ''
            : expectedVersion === null
              ? '-'
              : String(expectedVersion)
        const user = userId === undefined ? ['0', ''] : ['1', userId]
        const [ok, version] = (await redis.script(
          SET_SESSION,
          [sessionKey(id)],
          [mode, json, String(ttlMs), String(Date.now() + ttlMs), ...user],
        )) as [number, number?]
        return ok === 1 ? { ok: true, version: Number(version) } : { ok: false, reason: 'conflict' }
      })
    },

    async touch(id: string, ttl: number): Promise<void> {
      assertSessionId(id)
      assertTtl(ttl)
      const ttlMs = Math.ceil(ttl * 1000)
      await run('touch', async () => {
        // The index entry must outlive the session, so it is extended first.
        const userId = (await redis.command(['HGET', sessionKey(id), 'u'])) as string | null
        if (userId != null) await indexSession(userId, id, ttlMs)
        await redis.script(
          TOUCH_SESSION,
          [sessionKey(id)],
          [String(ttlMs), String(Date.now() + ttlMs)],
        )
      })
    },

    async delete(id: string): Promise<void> {
      assertSessionId(id)
      // Its index entry stays until its time passes: removing it here could race a rewrite.
      await run('delete', () => redis.command(['DEL', sessionKey(id)]))
    },

    async listUserSessions(userId: string): Promise<string[]> {
      return run('listUserSessions', async () => {
        const ids = await indexed(userId)
        const owners = await Promise.all(
          ids.map((id) => redis.command(['HGET', sessionKey(id), 'u'])),
        )
        return ids.filter((_, i) => owners[i] === userId).sort()
      })
    },

    async deleteUserSessions(userId: string): Promise<number> {
      return run('deleteUserSessions', async () => {
        const ids = await indexed(userId)
        // Each delete re-checks the owner inside its script, so a session rewritten under
        // another user meanwhile survives.
        const deleted = await Promise.all(
          ids.map((id) => redis.script(DELETE_IF_OWNED, [sessionKey(id)], [userId])),
        )
        return deleted.reduce<number>((sum, n) => sum + Number(n), 0)
      })
    },
  }
}
