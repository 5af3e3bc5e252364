import { type ExampleServer, startExample } from '../support/example-server.js'
import { expect, test } from '../support/fixtures.js'
import { SESSION_COOKIE, sessionCookie } from '../support/session-cookie.js'

// Issue 11: in SESSION_MODE=cookie the example makes cookie sessions revocable, so a cookie
// copied before a logout no longer logs anyone in, whatever its format.
for (const format of ['sealed', 'signed', 'flask'] as const) {
  test.describe(`${format} cookie sessions`, () => {
    let app: ExampleServer | undefined

    test.beforeAll(async () => {
      app = await startExample({ SESSION_MODE: 'cookie', SESSION_FORMAT: format })
    })
    test.afterAll(async () => {
      await app?.dispose()
    })

    test('refuse a cookie copied before the logout, in a clean browser and as a bare request', async ({
      browser,
      request,
    }) => {
      const baseURL = app!.url
      const context = await browser.newContext({ baseURL })
      const page = await context.newPage()
      await page.goto('/login')
      await page.getByLabel('Username').fill('john')
      await page.getByLabel('Password').fill('password123')
      await page.getByRole('button', { name: 'Log in' }).click()
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Welcome, john!')
      const copy = await sessionCookie(context)
      expect(copy).toBeDefined()
      // Still the same login on the next page: the copy is a live session cookie.
      await page.goto('/')
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Welcome, john!')

      await page.getByRole('button', { name: 'Log out' }).click()
      await expect(page).toHaveURL(/\/login$/)
      await context.close()

      const thief = await browser.newContext({ baseURL })
      await thief.addCookies([copy!])
      const replayed = await thief.newPage()
      await replayed.goto('/')
      await expect(replayed).toHaveURL(/\/login$/)
      await thief.close()
      const bare = await request.get(`${baseURL}/`, {
        headers: { cookie: `${SESSION_COOKIE}=${copy!.value}` },
        maxRedirects: 0,
      })
      expect(bare.status()).toBe(302)
      expect(bare.headers().location).toBe('/login')
      expect(app!.serverErrors()).toEqual([])
    })
  })
}
