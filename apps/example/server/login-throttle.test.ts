import { randomUUID } from 'node:crypto'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { describeWithPostgres, freshSchema, openPool } from '../test/harness/postgres-env.js'
import { describeWithRedis, redisClient } from '../test/harness/redis-env.js'
import { tempDir } from '../test/harness/temp-dir.js'
import { createLoginThrottle, type LoginLimits, type LoginThrottle } from './login-throttle.js'
import type { ThrottleStore } from './throttle-store.js'

/** Small limits, and blocks told apart by their length. */
const LIMITS: LoginLimits = {
  account: { failures: 3, window: 120, block: 60 },
  address: { failures: 5, window: 120, block: 90 },
}

const opened: LoginThrottle[] = []
const sqliteHandles: Database.Database[] = []
afterEach(async () => {
  await Promise.all(opened.splice(0).map((throttle) => throttle.close()))
  for (const db of sqliteHandles.splice(0)) db.close()
})

/**
 * The LoginThrottle contract. `store()` gives a fresh store's handle each time it is called with
 * no argument, and another handle on the same store when given the first.
 */
function describeLoginThrottle(name: string, store: () => Promise<() => Promise<ThrottleStore>>) {
  describe(`createLoginThrottle on ${name}`, () => {
    // Names and addresses of this test only: Redis is shared with other tests and runs.
    const fresh = () => ({ user: `user-${randomUUID()}`, from: `test-${randomUUID()}` })
    const open = async (handle: () => Promise<ThrottleStore>) => {
      const throttle = await createLoginThrottle(await handle(), LIMITS)
      opened.push(throttle)
      return throttle
    }
    const failTimes = async (throttle: LoginThrottle, n: number, user: string, from: string) => {
      for (let i = 0; i < n; i++) await throttle.recordFailure(user, from)
    }

    it('lets a name be tried from an address up to the limit, then blocks it', async () => {
      const throttle = await open(await store())
      const { user, from } = fresh()
      await failTimes(throttle, 2, user, from)
      expect(await throttle.retryAfter(user, from)).toBe(0)
      await throttle.recordFailure(user, from)
      const wait = await throttle.retryAfter(user, from)
      expect(wait).toBeGreaterThan(0)
      expect(wait).toBeLessThanOrEqual(60)
    })

    it('blocks that name from that address only', async () => {
      const throttle = await open(await store())
      const { user, from } = fresh()
      await failTimes(throttle, 3, user, from)
      expect(await throttle.retryAfter(`${user}-other`, from)).toBe(0)
      expect(await throttle.retryAfter(user, `${from}-other`)).toBe(0)
    })

    it("clears the name's count on a success, but not the address's", async () => {
      const throttle = await open(await store())
      const { user, from } = fresh()
      await failTimes(throttle, 2, user, from)
      await throttle.recordSuccess(user, from)
      await failTimes(throttle, 2, user, from)
      expect(await throttle.retryAfter(user, from)).toBe(0)
      // The address has 4 failures now: one more, under any name, reaches its limit of 5.
      await throttle.recordFailure(`${user}-other`, from)
      expect(await throttle.retryAfter(`${user}-third`, from)).toBeGreaterThan(60)
    })

    it('blocks an address that fails under many names, for every name', async () => {
      const throttle = await open(await store())
      const { user, from } = fresh()
      for (let i = 0; i < 5; i++) await throttle.recordFailure(`${user}-${i}`, from)
      const wait = await throttle.retryAfter(`${user}-new`, from)
      expect(wait).toBeGreaterThan(60)
      expect(wait).toBeLessThanOrEqual(90)
    })

    it('shares the counts with another instance on the same store', async () => {
      const handle = await store()
      const [one, two] = [await open(handle), await open(handle)]
      const { user, from } = fresh()
      await failTimes(one, 2, user, from)
      await two.recordFailure(user, from)
      expect(await one.retryAfter(user, from)).toBeGreaterThan(0)
      await two.recordSuccess(user, from)
      expect(await one.retryAfter(user, from)).toBe(0)
    })
  })
}

describe('createLoginThrottle in memory', () => {
  it('keeps counts per instance (memory is for tests only)', async () => {
    const throttle = await createLoginThrottle({ kind: 'memory' }, LIMITS)
    opened.push(throttle)
    for (let i = 0; i < 3; i++) await throttle.recordFailure('ada', 'here')
    expect(await throttle.retryAfter('ada', 'here')).toBeGreaterThan(0)
  })
})

describeLoginThrottle('SQLite', async () => {
  const path = join(tempDir('throttle'), 'example.db')
  // Each handle is its own connection to the one file, as two processes would have.
  return async () => {
    const db = new Database(path)
    db.pragma('journal_mode = WAL')
    db.pragma('busy_timeout = 5000')
    sqliteHandles.push(db)
    return { kind: 'sqlite', db }
  }
})

describeWithPostgres('the login throttle on PostgreSQL', () => {
  describeLoginThrottle('PostgreSQL', async () => {
    const { url } = await freshSchema('throttle')
    return async () => ({ kind: 'postgres', pool: openPool(url) })
  })
})

describeWithRedis('the login throttle on Redis', () => {
  describeLoginThrottle('Redis', async () => async () => ({
    kind: 'redis',
    client: await redisClient(),
  }))
})
