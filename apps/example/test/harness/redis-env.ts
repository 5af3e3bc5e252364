import { Redis } from 'ioredis'
import { afterEach, describe, it } from 'vitest'

/** The Redis the tests use: `REDIS_URL`, or the local default (as packages/server's). */
export const REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379'

async function probe(): Promise<boolean> {
  const client = new Redis(REDIS_URL, {
    lazyConnect: true,
    connectTimeout: 2000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  })
  client.on('error', () => {})
  try {
    await client.connect()
    await client.ping()
    return true
  } catch (error) {
    console.warn(`[test] Redis at ${REDIS_URL}: ${(error as Error).message}`)
    return false
  } finally {
    client.disconnect()
  }
}

const redisUp = await probe()

/**
 * `describe` for tests that need Redis: without one they fail under CI=true, and skip with a
 * loud warning elsewhere.
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
      `\n!!! SKIPPED "${name}": no Redis at ${REDIS_URL}. Start redis-server or set REDIS_URL. !!!\n`,
    )
    describe.skip(name, body)
  }
}

const open: Redis[] = []
afterEach(async () => {
  await Promise.all(open.splice(0).map((client) => client.quit()))
})

/** A connected client on `REDIS_URL`, quit after the current test. */
export async function redisClient(): Promise<Redis> {
  const client = new Redis(REDIS_URL, { lazyConnect: true })
  client.on('error', () => {})
  await client.connect()
  open.push(client)
  return client
}
