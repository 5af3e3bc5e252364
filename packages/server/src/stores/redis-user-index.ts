import { isSessionId } from '@crumbs/core'
import type { RedisCommands } from './redis-client.js'
import { type DurableWrite, notReplicated, type ReplicaWait } from './redis-durable-write.js'
import { INDEX_MEMBERS, INDEX_PRUNE, INDEX_SESSION, SESSION_OWNER } from './redis-scripts.js'

/**
 * The two durations of the user index protocol, in milliseconds (docs/architecture/redis-keys.md).
 * `grace` must exceed `fence` by more than the clock skew between Redis servers.
 */
export interface UserIndexTiming {
  /** How long after its announcement a session write may still land; later it is refused. */
  readonly fence: number
  /** How long an announcement keeps its member from being pruned. */
  readonly grace: number
}

/** 30 s for a write to land after its announcement; 30 s more for skew between server clocks. */
export const USER_INDEX_TIMING: UserIndexTiming = Object.freeze({ fence: 30_000, grace: 60_000 })

/**
 * Milliseconds a user index outlives the sessions announced in it, so that it never expires
 * before one of them (a write lands within the fence after its announcement, far less).
 */
const INDEX_SLACK = 3_600_000

/** The user index of a Redis store: which sessions name which user, across cluster slots. */
export interface RedisUserIndex {
  /**
   * Announces a write of session `id` under `userId`, before that write, and makes the index
   * live `ttlMs` (plus slack) at least. Answers the fence: the server time (Unix ms) after
   * which the session write must not land.
   */
  announce(userId: string, id: string, ttlMs: number): Promise<number>
  /**
   * The ids of the live sessions that name `userId` now, deleted as well when `remove` is set;
   * members whose session is gone or names someone else are pruned once their grace is over.
   */
  sessions(userId: string, remove: boolean): Promise<string[]>
}

export interface UserIndexDeps {
  readonly redis: RedisCommands
  readonly write: DurableWrite
  readonly wait: ReplicaWait | undefined
  readonly sessionKey: (id: string) => string
  readonly userKey: (userId: string) => string
  readonly timing: UserIndexTiming
}

/** The user index over `deps`' keys and writes. */
export function redisUserIndex(deps: UserIndexDeps): RedisUserIndex {
  const { redis, write, wait, sessionKey, userKey, timing } = deps
  return {
    async announce(userId, id, ttlMs) {
      const { reply, replicated } = await write(INDEX_SESSION, userKey(userId), [
        id,
        String(ttlMs + INDEX_SLACK),
      ])
      // The session must not be written while its announcement could still be lost.
      if (!replicated) throw notReplicated(wait)
      return Number(reply) + timing.fence
    },

    async sessions(userId, remove) {
      const key = userKey(userId)
      const [now, ...pairs] = (await redis.script(INDEX_MEMBERS, [key], [])) as [
        number,
        ...string[],
      ]
      // A member announced at or before `cutoff` has no write in flight any more: every write
      // announced then has landed or been refused by its fence, before this read began.
      const cutoff = Number(now) - timing.grace
      const prunable: string[] = []
      const found: string[] = []
      await Promise.all(
        pairs.flatMap((id, i) => {
          if (i % 2 === 1) return []
          if (!isSessionId(id)) {
            prunable.push(id)
            return []
          }
          const settled = Number(pairs[i + 1]) <= cutoff
          return [
            (async () => {
              // A member is pruned on what was read only once replicas have that state too: a
              // failover could otherwise bring back a session its user no longer lists.
              const confirm = settled && wait !== undefined
              const args = [userId, remove ? '1' : '0', confirm ? '1' : '0']
              const { reply, replicated } =
                remove || confirm
                  ? await write(SESSION_OWNER, sessionKey(id), args)
                  : {
                      reply: await redis.script(SESSION_OWNER, [sessionKey(id)], args),
                      replicated: true,
                    }
              const owner = Number(reply)
              if (owner === 2 && !replicated) throw notReplicated(wait)
              if (owner !== 0) found.push(id)
              if (owner !== 1 && settled && (owner === 2 || replicated)) prunable.push(id)
            })(),
          ]
        }),
      )
      if (prunable.length > 0) await redis.script(INDEX_PRUNE, [key], [String(cutoff), ...prunable])
      return found.sort()
    },
  }
}
