import { createHash } from 'node:crypto'
import { CrumbsError } from '@crumbs/core'

/** An ioredis `Redis` or `Cluster` (5.x): raw commands go through `call`, which a `Cluster` routes by key. */
export interface IoredisLikeClient {
  call(command: string, ...args: string[]): Promise<unknown>
  /**
   * Commands sent together to the one server that owns their keys. The store uses it only with
   * `waitForReplicas`, to send a write and its `WAIT` to the same server.
   */
  pipeline?(commands: string[][]): { exec(): Promise<[Error | null, unknown][] | null> }
}

/** A node-redis client from `createClient` (4.x, 5.x): raw commands go through `sendCommand`. */
export interface NodeRedisLikeClient {
  sendCommand(args: string[]): Promise<unknown>
}

/**
 * A node-redis cluster from `createCluster` (4.x, 5.x): `sendCommand` goes to the master that
 * owns `firstKey`, following `MOVED` and `ASK`.
 */
export interface NodeRedisClusterLike {
  sendCommand(
    firstKey: string | undefined,
    isReadonly: boolean | undefined,
    args: string[],
  ): Promise<unknown>
  /** A batch for one server; the store uses it only with `waitForReplicas`. */
  multi(): NodeRedisClusterBatch
  /** The cluster's masters: what tells a cluster from a `createClient` client. */
  readonly masters: readonly unknown[]
}

/** The part of a node-redis cluster's `multi()` the store uses. */
export interface NodeRedisClusterBatch {
  addCommand(
    firstKey: string | undefined,
    isReadonly: boolean | undefined,
    args: string[],
  ): NodeRedisClusterBatch
  execAsPipeline(): Promise<unknown[]>
}

/**
 * The Redis client a store takes, described by the few methods it calls so that no driver is
 * bundled: ioredis' `Redis` or `Cluster`, node-redis' `createClient` or `createCluster`.
 */
export type RedisClientLike = IoredisLikeClient | NodeRedisLikeClient | NodeRedisClusterLike

/** A Lua script with its SHA-1, for EVALSHA. */
export interface RedisScript {
  readonly source: string
  readonly sha: string
}

/** What `WAIT` answered after a write: the write's own reply and the replicas that have it. */
export interface WaitedReply {
  readonly reply: unknown
  readonly replicas: number
}

/** Runs raw commands and scripts, whichever driver the user has, on the server owning `key`. */
export interface RedisCommands {
  /** Whether the client can send a write and its `WAIT` to one server together. */
  readonly canWait: boolean
  command(key: string, args: readonly string[]): Promise<unknown>
  script(script: RedisScript, keys: readonly string[], args: readonly string[]): Promise<unknown>
  /**
   * The script, then `WAIT replicas timeoutMs` on the same server right after it: the script's
   * reply and how many replicas acknowledged everything this connection wrote so far.
   */
  scriptAndWait(
    script: RedisScript,
    keys: readonly string[],
    args: readonly string[],
    wait: { readonly replicas: number; readonly timeoutMs: number },
  ): Promise<WaitedReply>
}

/** A Lua script ready for {@link RedisCommands.script}. */
export function redisScript(source: string): RedisScript {
  return { source, sha: createHash('sha1').update(source).digest('hex') }
}

// Both drivers surface the server's error line as the message: "NOSCRIPT No matching script…",
// "MOVED 3999 127.0.0.1:6381".
const isNoScript = (error: unknown): boolean =>
  error instanceof Error && error.message.startsWith('NOSCRIPT')
const isMoved = (error: unknown): boolean =>
  error instanceof Error && error.message.startsWith('MOVED')

/** Sends `commands` to the server owning `key` as one batch: each reply, or the first error. */
type Batch = (key: string, commands: string[][]) => Promise<unknown[]>

function ioredisBatch(client: IoredisLikeClient): Batch | undefined {
  const pipeline = client.pipeline?.bind(client)
  if (pipeline === undefined) return undefined
  return async (_key, commands) => {
    const results = (await pipeline(commands.map((args) => ['call', ...args])).exec()) ?? []
    return results.map(([error, reply]) => {
      if (error) throw error
      return reply
    })
  }
}

function clusterBatch(client: NodeRedisClusterLike): Batch {
  return (key, commands) => {
    let batch = client.multi()
    for (const args of commands) batch = batch.addCommand(key, false, args)
    return batch.execAsPipeline()
  }
}

function isNodeRedisCluster(client: RedisClientLike): client is NodeRedisClusterLike {
  return Array.isArray((client as Partial<NodeRedisClusterLike>).masters)
}

/**
 * Detects the driver once. ioredis is checked first: it also has a `sendCommand`, but one that
 * takes its internal `Command` objects, not an array. A node-redis cluster is told from a
 * client by its `masters`.
 */
export function redisCommands(client: RedisClientLike): RedisCommands {
  const c = client as Partial<IoredisLikeClient & NodeRedisLikeClient>
  let command: (key: string, args: readonly string[]) => Promise<unknown>
  let batch: Batch | undefined
  if (typeof c.call === 'function') {
    const call = c.call.bind(client)
    command = (_key, [name, ...rest]) => call(name!, ...rest)
    batch = ioredisBatch(client as IoredisLikeClient)
  } else if (typeof c.sendCommand === 'function' && isNodeRedisCluster(client)) {
    const send = client.sendCommand.bind(client)
    command = (key, args) => send(key, false, [...args])
    batch = clusterBatch(client)
  } else if (typeof c.sendCommand === 'function') {
    const send = c.sendCommand.bind(client)
    command = (_key, args) => send([...args])
    // One connection: a WAIT sent after the write is answered by the same server.
    batch = async (_key, commands) => {
      const replies: unknown[] = []
      for (const args of commands) replies.push(await send(args))
      return replies
    }
  } else {
    throw new CrumbsError(
      'INVALID_OPTION',
      'redisStore `client` must be an ioredis client or cluster, or a node-redis client from createClient() or createCluster().',
      { details: { option: 'client' } },
    )
  }

  const evalArgs = ({ source, sha }: RedisScript, noScript: boolean, keys: readonly string[]) =>
    noScript
      ? ['EVAL', source, String(keys.length), ...keys]
      : ['EVALSHA', sha, String(keys.length), ...keys]

  async function script(
    script: RedisScript,
    keys: readonly string[],
    args: readonly string[],
  ): Promise<unknown> {
    try {
      return await command(keys[0]!, [...evalArgs(script, false, keys), ...args])
    } catch (error) {
      // First use on this server (or after SCRIPT FLUSH, or a failover): EVAL runs it and caches it.
      if (!isNoScript(error)) throw error
      return command(keys[0]!, [...evalArgs(script, true, keys), ...args])
    }
  }

  async function scriptAndWait(
    script: RedisScript,
    keys: readonly string[],
    args: readonly string[],
    { replicas, timeoutMs }: { readonly replicas: number; readonly timeoutMs: number },
  ): Promise<WaitedReply> {
    if (batch === undefined) throw new Error('This Redis client cannot send a batch.')
    const key = keys[0]!
    const wait = ['WAIT', String(replicas), String(timeoutMs)]
    const send = async (noScript: boolean): Promise<WaitedReply> => {
      const [reply, acknowledged] = await batch(key, [
        [...evalArgs(script, noScript, keys), ...args],
        wait,
      ])
      return { reply, replicas: Number(acknowledged) }
    }
    let noScript = false
    let refreshed = false
    for (;;) {
      try {
        return await send(noScript)
      } catch (error) {
        if (isNoScript(error) && !noScript) {
          noScript = true
        } else if (isMoved(error) && !refreshed) {
          // A batch is not redirected: one keyed command, which is, brings the client's slot
          // map up to date before the batch runs again.
          refreshed = true
          await command(key, ['EXISTS', key])
        } else {
          throw error
        }
      }
    }
  }

  return {
    canWait: batch !== undefined,
    command: async (key, args) => command(key, args),
    script,
    scriptAndWait,
  }
}
