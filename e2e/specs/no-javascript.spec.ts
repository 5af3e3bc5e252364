import { expect, test } from '../support/fixtures.js'

test.describe('the login form without JavaScript', () => {
  test.use({ javaScriptEnabled: false })

  test('posts classically: the error with 401, then the greeting, then logout', async ({
    page,
    snap,
  }) => {
    await page.goto('/login')
    await expect(page.locator('html')).not.toHaveAttribute('data-enhanced', 'true')

    await page.getByLabel('Username').fill('jane')
    await page.getByLabel('Password').fill('not-her-password')
    const failed = page.waitForResponse(
      (r) => r.url().endsWith('/login') && r.request().method() === 'POST',
    )
    await page.getByRole('button', { name: 'Log in' }).click()
    expect((await failed).status()).toBe(401)
    await expect(page.getByRole('alert')).toHaveText('Invalid username or password')
    // The form comes back with the name kept and the password cleared.
    await expect(page.getByLabel('Username')).toHaveValue('jane')
    await expect(page.getByLabel('Password')).toHaveValue('')
    await snap(page, 'no-js-login-error')

    await page.getByLabel('Password').fill('secret123')
    await page.getByRole('button', { name: 'Log in' }).click()
    await expect(page).toHaveURL(/\/$/)
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Welcome, jane!')
    await snap(page, 'no-js-welcome')

    await page.getByRole('button', { name: 'Log out' }).click()
    await expect(page).toHaveURL(/\/login$/)
    await page.goto('/')
    await expect(page).toHaveURL(/\/login$/)
  })

  test("logs out at the seed's GET /logout, but not when another site links to it", async ({
    page,
    baseURL,
  }) => {
    await page.goto('/login')
    await page.getByLabel('Username').fill('john')
    await page.getByLabel('Password').fill('password123')
    await page.getByRole('button', { name: 'Log in' }).click()
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Welcome, john!')

    // A link on another site must not log the user out (Sec-Fetch-Site: cross-site).
    await page.route('http://evil.test/**', (route) =>
      route.fulfill({
        contentType: 'text/html',
        body: `<a href="${baseURL}/logout">Cute cats</a>`,
      }),
    )
    await page.goto('http://evil.test/')
    const refused = page.waitForResponse(`${baseURL}/logout`)
    await page.getByRole('link', { name: 'Cute cats' }).click()
    expect((await refused).status()).toBe(403)
    await page.goto('/')
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Welcome, john!')

    // Typed in the address bar (Sec-Fetch-Site: none), it logs out as in the seed.
    await page.goto('/logout')
    await expect(page).toHaveURL(/\/login$/)
    await page.goto('/')
    await expect(page).toHaveURL(/\/login$/)
  })
})
