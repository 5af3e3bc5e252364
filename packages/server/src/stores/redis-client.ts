import { createHash } from 'node:crypto'
import { CrumbsError } from '@crumbs/core'

/** An ioredis `Redis` or `Cluster` (5.x): raw commands go through `call`. */
export interface IoredisLikeClient {
  call(command: string, ...args: string[]): Promise<unknown>
}

/** A node-redis client from `createClient` (4.x, 5.x): raw commands go through `sendCommand`. */
export interface NodeRedisLikeClient {
  sendCommand(args: string[]): Promise<unknown>
}

/**
 * The Redis client a store takes, described by the one method it calls so that no driver is
 * bundled: ioredis' `call(command, ...args)` or node-redis' `sendCommand([command, ...args])`.
 */
export type RedisClientLike = IoredisLikeClient | NodeRedisLikeClient

/** A Lua script with its SHA-1, for EVALSHA. */
export interface RedisScript {
  readonly source: string
  readonly sha: string
}

/** Runs raw commands and scripts, whichever driver the user has. */
export interface RedisCommands {
  command(args: readonly string[]): Promise<unknown>
  script(script: RedisScript, keys: readonly string[], args: readonly string[]): Promise<unknown>
}

/** A Lua script ready for {@link RedisCommands.script}. */
export function redisScript(source: string): RedisScript {
  return { source, sha: createHash('sha1').update(source).digest('hex') }
}

function isNoScript(error: unknown): boolean {
  // Both drivers surface the server's error line as the message: "NOSCRIPT No matching script…".
  return error instanceof Error && error.message.startsWith('NOSCRIPT')
}

/**
 * Detects the driver once. ioredis is checked first: it also has a `sendCommand`, but one that
 * takes its internal `Command` objects, not an array.
 */
export function redisCommands(client: RedisClientLike): RedisCommands {
  const c = client as Partial<IoredisLikeClient & NodeRedisLikeClient>
  let command: (args: readonly string[]) => Promise<unknown>
  if (typeof c.call === 'function') {
    const call = c.call.bind(client)
    command = ([name, ...rest]) => call(name!, ...rest)
  } else if (typeof c.sendCommand === 'function') {
    const send = c.sendCommand.bind(client)
    command = (args) => send([...args])
  } else {
    throw new CrumbsError(
      'INVALID_OPTION',
      'redisStore `client` must be an ioredis client or a node-redis client from createClient().',
      { details: { option: 'client' } },
    )
  }
  return {
    command: async (args) => command(args),
    async script({ source, sha }, keys, args) {
      const tail = [String(keys.length), ...keys, ...args]
      try {
        return await command(['EVALSHA', sha, ...tail])
      } catch (error) {
        // First use on this server (or after SCRIPT FLUSH): EVAL runs it and caches it again.
        if (!isNoScript(error)) throw error
        return command(['EVAL', source, ...tail])
      }
    },
  }
}
