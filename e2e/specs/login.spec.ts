import { expect, test, updateReadmeScreenshot } from '../support/fixtures.js'
import { SESSION_COOKIE, sessionCookie } from '../support/session-cookie.js'

test.describe('logging in with JavaScript', () => {
  test.beforeEach(async ({ page }) => {
    await page.goto('/login')
    // The Vite-built script marks the page once it has enhanced the form.
    await expect(page.locator('html')).toHaveAttribute('data-enhanced', 'true')
  })

  test('shows the error inline and stays logged out on a wrong password', async ({
    page,
    snap,
  }) => {
    await snap(page, '01-login-form')
    await page.getByLabel('Username').fill('john')
    await page.getByLabel('Password').fill('wrong-password')
    const answer = page.waitForResponse('**/api/login')
    await page.getByRole('button', { name: 'Log in' }).click()
    expect((await answer).status()).toBe(401)

    await expect(page.getByRole('alert')).toHaveText('Invalid username or password')
    await expect(page).toHaveURL(/\/login$/)
    await snap(page, '02-login-error')
    await updateReadmeScreenshot(page)
    expect(await (await page.request.get('/api/me')).json()).toEqual({ user: null })
    await page.goto('/')
    await expect(page).toHaveURL(/\/login$/)
  })

  test('greets by name, keeps the login on reload, and not in a second context', async ({
    page,
    browser,
    baseURL,
    snap,
  }) => {
    await page.getByLabel('Username').fill('john')
    await page.getByLabel('Password').fill('password123')
    await page.getByRole('button', { name: 'Log in' }).click()

    await expect(page).toHaveURL(/\/$/)
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Welcome, john!')
    await snap(page, '03-welcome')
    await page.reload()
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Welcome, john!')

    const stranger = await browser.newContext({ baseURL })
    const other = await stranger.newPage()
    await other.goto('/')
    await expect(other).toHaveURL(/\/login$/)
    await expect(other.getByRole('heading', { level: 1 })).toHaveText('Log in')
    await snap(other, '04-second-context-logged-out')
    await stranger.close()
  })

  test('logs out to the login page, and the old cookie replayed no longer works', async ({
    page,
    context,
    browser,
    baseURL,
    request,
    snap,
  }) => {
    await page.getByLabel('Username').fill('jane')
    await page.getByLabel('Password').fill('secret123')
    await page.getByRole('button', { name: 'Log in' }).click()
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Welcome, jane!')
    const old = await sessionCookie(context)
    expect(old).toBeDefined()

    await page.getByRole('button', { name: 'Log out' }).click()
    await expect(page).toHaveURL(/\/login$/)
    await snap(page, '05-logged-out')
    await page.goto('/')
    await expect(page).toHaveURL(/\/login$/)

    // Replay the cookie from before the logout, in a clean browser and as a bare request.
    const replay = await browser.newContext({ baseURL })
    await replay.addCookies([old!])
    const replayed = await replay.newPage()
    await replayed.goto('/')
    await expect(replayed).toHaveURL(/\/login$/)
    await replay.close()
    const bare = await request.get('/', {
      headers: { cookie: `${SESSION_COOKIE}=${old!.value}` },
      maxRedirects: 0,
    })
    expect(bare.status()).toBe(302)
    expect(bare.headers().location).toBe('/login')
  })
})
