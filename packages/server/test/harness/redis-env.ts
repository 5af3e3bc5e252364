import { randomUUID } from 'node:crypto'
import { connect } from 'node:net'
import { Redis } from 'ioredis'
import { createClient } from 'redis'
import { describe, it } from 'vitest'

/** The Redis the tests use: `REDIS_URL`, or the local default. */
export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'

/** Where `REDIS_URL` points, for raw sockets and proxies. */
export const REDIS_ADDRESS = (() => {
  const url = new URL(REDIS_URL)
  return { host: url.hostname || '127.0.0.1', port: Number(url.port || 6379) }
})()

/** Whether a Redis answers at `REDIS_URL` within one second (any reply to PING counts). */
function probe(): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(REDIS_ADDRESS.port, REDIS_ADDRESS.host)
    const done = (up: boolean): void => {
      socket.destroy()
      resolve(up)
    }
    socket.setTimeout(1000, () => done(false))
    socket.once('error', () => done(false))
    socket.once('connect', () => socket.write('PING\r\n'))
    socket.once('data', () => done(true))
  })
}

export const redisUp = await probe()

/**
 * `describe` for tests that need Redis. Without one they fail under CI=true and otherwise skip
 * with a loud warning, so a laptop without Redis still runs everything else.
 */
export function describeWithRedis(name: string, body: () => void): void {
  if (redisUp) {
    describe(name, body)
  } else if (process.env.CI === 'true') {
    describe(name, () => {
      it('reaches Redis', () => {
        throw new Error(`Redis is required under CI=true and did not answer at ${REDIS_URL}.`)
      })
    })
  } else {
    console.warn(
      `\n!!! SKIPPED "${name}": no Redis at ${REDIS_URL}. Start one (redis-server) or set REDIS_URL. !!!\n`,
    )
    describe.skip(name, body)
  }
}

/** A key prefix no other test or run shares. */
export const uniquePrefix = (label: string): string => `crumbs-test:${label}:${randomUUID()}:`

/** The two drivers crumbs supports, each with the `'error'` listener an app must attach. */
export type RedisDriver = 'ioredis' | 'node-redis'

export interface TestRedisClient {
  readonly client: Redis | ReturnType<typeof createClient>
  /** Errors the client emitted (dropped connections); listening keeps the process alive. */
  readonly errors: unknown[]
  close(): Promise<void>
}

/** A connected client of `driver`, to `url` (default `REDIS_URL`). */
export async function openRedisClient(
  driver: RedisDriver,
  url = REDIS_URL,
): Promise<TestRedisClient> {
  const errors: unknown[] = []
  if (driver === 'ioredis') {
    const client = new Redis(url, { lazyConnect: true })
    client.on('error', (error) => errors.push(error))
    await client.connect()
    return { client, errors, close: async () => client.disconnect() }
  }
  const client = createClient({ url })
  client.on('error', (error) => errors.push(error))
  await client.connect()
  return {
    client,
    errors,
    close: async () => {
      // destroy() closes at once, even while reconnecting to a Redis that went away.
      if (client.isOpen) client.destroy()
    },
  }
}

/** Deletes every key under `prefix`, so test runs leave Redis as they found it. */
export async function deleteKeys(prefix: string): Promise<void> {
  const client = new Redis(REDIS_URL)
  try {
    let cursor = '0'
    do {
      const [next, keys] = await client.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500)
      if (keys.length > 0) await client.del(...keys)
      cursor = next
    } while (cursor !== '0')
  } finally {
    client.disconnect()
  }
}
