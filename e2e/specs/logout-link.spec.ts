import type { Page } from '@playwright/test'
import { expect, test } from '../support/fixtures.js'

/** Logs in as jane through the form. */
async function logIn(page: Page): Promise<void> {
  await page.goto('/login')
  await page.getByLabel('Username').fill('jane')
  await page.getByLabel('Password').fill('secret123')
  await page.getByRole('button', { name: 'Log in' }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Welcome, jane!')
}

test.describe('the GET /logout link in a browser without Fetch Metadata', () => {
  test.beforeEach(async ({ page }) => {
    // An older browser: no Sec-Fetch-* headers and (here) no Referer. Chromium adds Sec-Fetch-*
    // back after an interception, so Playwright's own client sends the request instead, with
    // exactly these headers (the cookies included), and the page gets its answer.
    await page.route('**/logout', async (route) => {
      const headers = await route.request().allHeaders()
      for (const name of Object.keys(headers)) {
        if (name.startsWith('sec-fetch-') || name === 'referer') delete headers[name]
      }
      await route.fulfill({ response: await route.fetch({ headers, maxRedirects: 0 }) })
    })
  })

  test('asks before logging out, and logs out when confirmed', async ({ page, snap }) => {
    await logIn(page)
    await page.goto('/logout')
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Log out?')
    await snap(page, 'logout-confirmation')
    await page.getByRole('link', { name: 'Stay logged in' }).click()
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Welcome, jane!')

    await page.goto('/logout')
    await page.getByRole('button', { name: 'Log out' }).click()
    await expect(page).toHaveURL(/\/login$/)
    await page.goto('/')
    await expect(page).toHaveURL(/\/login$/)
  })
})
