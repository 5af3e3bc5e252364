import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { Browser } from './harness/browser.js'
import { describeWithPostgres, freshSchema, openPool } from './harness/postgres-env.js'
import { describeWithRedis, REDIS_URL, redisClient } from './harness/redis-env.js'
import { spawnExample } from './harness/spawn-example.js'
import { newSecretKey, startExample } from './harness/start-example.js'
import { tempDir } from './harness/temp-dir.js'

/** The default limit of failures in a row for one username from one address. */
const FAILURES = 5
/** The default block after it, in seconds. */
const BLOCK = 900

/** `n` wrong passwords for `username`; every answer must be the plain 401. */
async function failLogins(browser: Browser, username: string, n: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    expect((await browser.tryLogIn(username, `wrong-${i}`)).status).toBe(401)
  }
}

/** A 429 with a Retry-After of at most the block. */
function expectThrottled(response: Response): void {
  expect(response.status).toBe(429)
  const retryAfter = Number(response.headers.get('retry-after'))
  expect(retryAfter).toBeGreaterThan(0)
  expect(retryAfter).toBeLessThanOrEqual(BLOCK)
}

describe('login throttling over HTTP, on SQLite', () => {
  it('refuses with 429 and Retry-After after 5 wrong passwords, the right one too', async () => {
    const browser = new Browser((await startExample({})).base)
    await failLogins(browser, 'john', FAILURES)

    const wrong = await browser.tryLogIn('john', 'wrong-again')
    expectThrottled(wrong)
    expect(await wrong.text()).toMatch(/Too many failed logins\. Try again in 1[45] minutes\./)
    expectThrottled(await browser.tryLogIn('john', 'password123'))
    // Another user from the same address is not blocked by john's failures.
    expect((await browser.tryLogIn('jane', 'secret123')).status).toBe(303)
  })

  it('refuses the JSON API the same way', async () => {
    const browser = new Browser((await startExample({})).base)
    await failLogins(browser, 'jane', FAILURES)
    await browser.formToken()
    const response = await browser.postJson(
      '/api/login',
      { username: 'jane', password: 'secret123' },
      { 'x-csrf-token': browser.jar.get('csrf_token') ?? '' },
    )
    expectThrottled(response)
    expect(await response.json()).toEqual({
      error: expect.stringMatching(/^Too many failed logins/),
      code: 'LOGIN_THROTTLED',
    })
  })

  it('keeps the block across a restart on the same SQLite file', async () => {
    const appDir = tempDir()
    const first = await startExample({}, appDir)
    await failLogins(new Browser(first.base), 'john', FAILURES)
    await first.close()

    const second = await startExample({}, appDir)
    expectThrottled(await new Browser(second.base).tryLogIn('john', 'password123'))
  })

  it('starts the count for the name again after a successful login', async () => {
    const browser = new Browser((await startExample({})).base)
    await failLogins(browser, 'john', FAILURES - 1)
    expect((await browser.tryLogIn('john', 'password123')).status).toBe(303)
    await failLogins(browser, 'john', FAILURES - 1)
    expect((await browser.tryLogIn('john', 'password123')).status).toBe(303)
  })

  it('tells clients apart by X-Forwarded-For only with TRUST_PROXY', async () => {
    const trusted = (await startExample({ TRUST_PROXY: '1' })).base
    await failLogins(new Browser(trusted, { 'x-forwarded-for': '203.0.113.1' }), 'john', FAILURES)
    const elsewhere = new Browser(trusted, { 'x-forwarded-for': '203.0.113.2' })
    expect((await elsewhere.tryLogIn('john', 'password123')).status).toBe(303)
    // The proxy appends the client it saw last; what the client wrote before it is not believed.
    const spoofing = new Browser(trusted, { 'x-forwarded-for': '203.0.113.9, 203.0.113.1' })
    expectThrottled(await spoofing.tryLogIn('john', 'password123'))

    const direct = (await startExample({})).base
    await failLogins(new Browser(direct, { 'x-forwarded-for': '203.0.113.1' }), 'john', FAILURES)
    const claimsOther = new Browser(direct, { 'x-forwarded-for': '203.0.113.2' })
    expectThrottled(await claimsOther.tryLogIn('john', 'password123'))
  })
})

describeWithPostgres('login throttling over HTTP, on PostgreSQL', () => {
  it('keeps the counters in PostgreSQL, and the block across a restart', async () => {
    const { url } = await freshSchema('throttle')
    const env = { DATABASE_URL: url, SECRET_KEY: newSecretKey() }
    const first = await startExample(env)
    await failLogins(new Browser(first.base), 'jane', FAILURES)
    await first.close()

    const rows = await openPool(url).query(
      "SELECT key, points FROM example_login_throttle WHERE key LIKE 'login-account:%'",
    )
    expect(rows.rows).toEqual([{ key: expect.stringMatching(/@127\.0\.0\.1$/), points: 6 }])
    const second = await startExample(env)
    expectThrottled(await new Browser(second.base).tryLogIn('jane', 'secret123'))
  })
})

describeWithRedis('login throttling over HTTP, on Redis', () => {
  it('shares the count between two server processes', async () => {
    // A client address of this run only (under TRUST_PROXY): Redis outlives the test.
    const address = `2001:db8:${randomBytes(2).toString('hex')}:${randomBytes(2).toString('hex')}::7`
    const env = { REDIS_URL, TRUST_PROXY: '1' }
    const [one, two] = await Promise.all([spawnExample(env), spawnExample(env)])
    const headers = { 'x-forwarded-for': address }
    try {
      await failLogins(new Browser(one.base, headers), 'john', 3)
      await failLogins(new Browser(two.base, headers), 'john', FAILURES - 3)
      expectThrottled(await new Browser(one.base, headers).tryLogIn('john', 'password123'))
      expectThrottled(await new Browser(two.base, headers).tryLogIn('john', 'password123'))
    } finally {
      const redis = await redisClient()
      const prefix = address.split(':').slice(0, 4).join(':')
      const keys = await redis.keys(`crumbs-example:login-*${prefix}*`)
      if (keys.length > 0) await redis.del(...keys)
    }
    // Two processes compile the sources with tsx first, slowly while every package tests at once.
  }, 120_000)
})
