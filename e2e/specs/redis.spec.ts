import { type ExampleServer, newSecretKey, startExample } from '../support/example-server.js'
import { expect, test } from '../support/fixtures.js'
import { REDIS_URL, redisReachable } from '../support/redis-reachable.js'

const CI = process.env.CI === 'true'

test.describe('the Redis session store', () => {
  const servers: ExampleServer[] = []

  test.beforeAll(async () => {
    if (await redisReachable()) return
    if (CI)
      throw new Error(`CI requires Redis at ${REDIS_URL} (set REDIS_URL), but it does not answer.`)
    console.warn(
      `\n⚠️  SKIPPING the Redis e2e test: nothing answers at ${REDIS_URL}. Start redis-server or set REDIS_URL.\n`,
    )
    test.skip(true, `no Redis at ${REDIS_URL}`)
  })

  test.afterAll(async () => {
    await Promise.all(servers.map((server) => server.dispose()))
  })

  test('lets two server processes on different ports share the login', async ({
    browser,
    snap,
  }) => {
    // Same secret, separate SQLite files: the session can only travel through Redis.
    const env = { REDIS_URL, SECRET_KEY: newSecretKey() }
    const [one, two] = await Promise.all([startExample(env), startExample(env)])
    servers.push(one, two)
    expect(one.port).not.toBe(two.port)

    const context = await browser.newContext()
    const page = await context.newPage()
    await page.goto(`${one.url}/login`)
    await page.getByLabel('Username').fill('jane')
    await page.getByLabel('Password').fill('secret123')
    await page.getByRole('button', { name: 'Log in' }).click()
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Welcome, jane!')

    // Cookies belong to the host, not the port: the browser sends the same cookie to both.
    await page.goto(`${two.url}/`)
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Welcome, jane!')
    await snap(page, 'redis-second-instance')

    // Logging out on one ends the session on the other.
    await page.getByRole('button', { name: 'Log out' }).click()
    await expect(page).toHaveURL(/\/login$/)
    await page.goto(`${one.url}/`)
    await expect(page).toHaveURL(/\/login$/)
    await context.close()
    expect([...one.serverErrors(), ...two.serverErrors()]).toEqual([])
  })
})
