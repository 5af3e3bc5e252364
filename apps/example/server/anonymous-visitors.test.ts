import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { Browser } from '../test/harness/browser.js'
import { describeWithRedis, REDIS_URL, redisClient } from '../test/harness/redis-env.js'
import { startExample } from '../test/harness/start-example.js'

/** 1000 visitors who only open the login page, 100 at a time; each gets a form token. */
async function thousandVisitors(base: string): Promise<void> {
  for (let batch = 0; batch < 10; batch++) {
    const pages = await Promise.all(
      Array.from({ length: 100 }, () => new Browser(base).send('/login')),
    )
    expect(pages.map((page) => page.status)).toEqual(Array(100).fill(200))
  }
}

// Issue 11: a visitor without a session must cost no store write. The login form's CSRF token
// rides in a signed cookie of its own until a login stores the session.
describe('anonymous visitors', () => {
  it('add no session row to SQLite for 1000 GET /login, and a login adds one', async () => {
    const { base, appDir } = await startExample({ SEED_DEMO_USERS: '1' })
    const rows = () => {
      const db = new Database(`${appDir}/.data/example.db`, { readonly: true })
      // The store creates its table on its first call: no table, no call at all.
      const table = db
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'crumbs_sessions'")
        .get()
      const count =
        table === undefined
          ? 0
          : (db.prepare('SELECT count(*) AS n FROM crumbs_sessions').get() as { n: number }).n
      db.close()
      return count
    }
    await thousandVisitors(base)
    expect(rows()).toBe(0)
    expect((await new Browser(base).tryLogIn('john', 'password123')).status).toBe(303)
    expect(rows()).toBe(1)
  }, 120_000)
})

describeWithRedis('anonymous visitors on Redis', () => {
  it('add no key to Redis for 1000 GET /login, and a login adds one', async () => {
    // A database of its own, so no other test's keys are counted.
    const url = new URL(REDIS_URL)
    url.pathname = '/11'
    const client = await redisClient()
    await client.select(11)
    await client.flushdb()
    const { base } = await startExample({ REDIS_URL: url.toString(), SEED_DEMO_USERS: '1' })
    await thousandVisitors(base)
    expect(await client.dbsize()).toBe(0)
    expect((await new Browser(base).tryLogIn('john', 'password123')).status).toBe(303)
    expect(await client.dbsize()).toBeGreaterThan(0)
    await client.flushdb()
    client.disconnect()
  }, 120_000)
})
