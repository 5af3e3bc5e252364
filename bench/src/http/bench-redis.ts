import { randomUUID } from 'node:crypto'
import { createClient } from 'redis'

/** A node-redis client for one bench server process, with keys under a prefix of its own. */
export interface BenchRedis {
  readonly client: ReturnType<typeof createClient>
  /** `crumbs-bench:<uuid>:`, unique to this server process (one target, one run). */
  readonly prefix: string
  /** Deletes every key under `prefix`, then closes the connection. */
  cleanup(): Promise<void>
}

/** Where the bench finds Redis: `REDIS_URL`, as in the store tests. */
export const REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379'

// A few quick retries, then give up: a bench against a missing Redis should say so, not wait.
const CONNECT_RETRIES = 3
const RETRY_DELAY_MS = 200
const SCAN_BATCH = '500'

const describe = (error: unknown) => (error instanceof Error ? error.message : String(error))

/**
 * Connects to `REDIS_URL` (node-redis 5, the client connect-redis 9 needs; crumbs' redisStore
 * takes it too). Rejects with `Redis unreachable at <url>: <cause>` when no connection comes up.
 */
export async function connectBenchRedis(): Promise<BenchRedis> {
  let lastError: unknown
  const client = createClient({
    url: REDIS_URL,
    socket: {
      connectTimeout: 2_000,
      reconnectStrategy: (retries, cause) =>
        retries >= CONNECT_RETRIES ? cause : RETRY_DELAY_MS * (retries + 1),
    },
  })
  // Without a listener a dropped connection would crash the server; the failing requests
  // already make the bench report the target as FAILED.
  client.on('error', (error: unknown) => {
    if (lastError === undefined) {
      console.error(`[bench server] redis ${REDIS_URL}: ${describe(error)}`)
    }
    lastError = error
  })
  try {
    await client.connect()
  } catch (error) {
    throw new Error(`Redis unreachable at ${REDIS_URL} (set REDIS_URL): ${describe(error)}`, {
      cause: error,
    })
  }
  const prefix = `crumbs-bench:${randomUUID()}:`
  return {
    client,
    prefix,
    async cleanup() {
      let cursor = '0'
      do {
        const reply = (await client.sendCommand([
          'SCAN',
          cursor,
          'MATCH',
          `${prefix}*`,
          'COUNT',
          SCAN_BATCH,
        ])) as [string, string[]]
        cursor = reply[0]
        if (reply[1].length > 0) await client.sendCommand(['UNLINK', ...reply[1]])
      } while (cursor !== '0')
      await client.close()
    },
  }
}
