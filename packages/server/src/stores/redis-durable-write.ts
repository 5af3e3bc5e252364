import type { RedisCommands, RedisScript } from './redis-client.js'

/** How many replicas must acknowledge a write, and for how long to wait for them. */
export interface ReplicaWait {
  readonly replicas: number
  readonly timeoutMs: number
}

/** A write's reply, and whether the replicas asked for acknowledged it (always, with none). */
export interface DurableReply {
  readonly reply: unknown
  readonly replicated: boolean
}

/** Runs one write script on the server owning `key`, then, with `wait`, WAITs for replicas there. */
export type DurableWrite = (
  script: RedisScript,
  key: string,
  args: readonly string[],
) => Promise<DurableReply>

/**
 * Writes that count as done only once `wait.replicas` replicas have them (Redis replication is
 * asynchronous: a master that dies before passing a write on loses it in the failover). Without
 * `wait`, a plain script call.
 */
export function durableWrite(redis: RedisCommands, wait: ReplicaWait | undefined): DurableWrite {
  if (wait === undefined) {
    return async (script, key, args) => ({
      reply: await redis.script(script, [key], args),
      replicated: true,
    })
  }
  return async (script, key, args) => {
    const { reply, replicas } = await redis.scriptAndWait(script, [key], args, wait)
    return { reply, replicated: replicas >= wait.replicas }
  }
}

/** The error a write fails with when its replicas did not acknowledge it in time. */
export function notReplicated(wait: ReplicaWait | undefined): Error {
  const replicas = wait?.replicas ?? 0
  return new Error(
    `Fewer than ${replicas} ${replicas === 1 ? 'replica' : 'replicas'} acknowledged the write within ${wait?.timeoutMs} ms (Redis WAIT); it may or may not survive a failover.`,
  )
}
