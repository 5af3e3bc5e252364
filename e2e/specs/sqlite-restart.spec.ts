import { startExample } from '../support/example-server.js'
import { expect, test } from '../support/fixtures.js'

test.describe('the SQLite session store', () => {
  test('keeps the user logged in across a server restart', async ({ browser, snap }) => {
    const app = await startExample()
    try {
      const context = await browser.newContext({ baseURL: app.url })
      const page = await context.newPage()
      await page.goto('/login')
      await page.getByLabel('Username').fill('john')
      await page.getByLabel('Password').fill('password123')
      await page.getByRole('button', { name: 'Log in' }).click()
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Welcome, john!')

      await app.stop()
      await expect(page.request.get('/api/me')).rejects.toThrow()
      await app.restart()

      await page.reload()
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Welcome, john!')
      await snap(page, 'welcome-after-restart')
      await context.close()
      expect(app.serverErrors()).toEqual([])
    } finally {
      await app.dispose()
    }
  })
})
