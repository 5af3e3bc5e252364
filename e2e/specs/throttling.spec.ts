import { type ExampleServer, startExample } from '../support/example-server.js'
import { expect, test } from '../support/fixtures.js'

test.describe('login throttling', () => {
  // Its own server: the block would otherwise keep john out of every other spec for 15 minutes.
  let app: ExampleServer

  test.beforeAll(async () => {
    app = await startExample()
  })

  test.afterAll(async () => {
    await app.dispose()
  })

  test('refuses the right password too after 5 wrong ones, and says for how long', async ({
    browser,
    snap,
  }) => {
    const context = await browser.newContext({ baseURL: app.url })
    const page = await context.newPage()
    await page.goto('/login')
    await expect(page.locator('html')).toHaveAttribute('data-enhanced', 'true')
    await page.getByLabel('Username').fill('john')
    for (let i = 0; i < 5; i++) {
      await page.getByLabel('Password').fill(`wrong-${i}`)
      const answer = page.waitForResponse('**/api/login')
      await page.getByRole('button', { name: 'Log in' }).click()
      expect((await answer).status()).toBe(401)
    }

    await page.getByLabel('Password').fill('password123')
    const answer = page.waitForResponse('**/api/login')
    await page.getByRole('button', { name: 'Log in' }).click()
    const refused = await answer
    expect(refused.status()).toBe(429)
    expect(Number(refused.headers()['retry-after'])).toBeGreaterThan(800)
    await expect(page.getByRole('alert')).toHaveText(
      /^Too many failed logins\. Try again in 1[45] minutes\.$/,
    )
    await expect(page).toHaveURL(/\/login$/)
    await snap(page, 'login-throttled')

    // The block survives a restart: it is kept in the SQLite file.
    await app.restart()
    await page.goto('/login')
    await page.getByLabel('Username').fill('john')
    await page.getByLabel('Password').fill('password123')
    const again = page.waitForResponse('**/api/login')
    await page.getByRole('button', { name: 'Log in' }).click()
    expect((await again).status()).toBe(429)
    await context.close()
    expect(app.serverErrors()).toEqual([])
  })
})
