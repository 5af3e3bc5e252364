import type { Page } from '@playwright/test'
import { expect, test } from '../support/fixtures.js'
import { SESSION_COOKIE, sessionCookie } from '../support/session-cookie.js'

async function logIn(page: Page): Promise<void> {
  await page.goto('/login')
  await page.getByLabel('Username').fill('john')
  await page.getByLabel('Password').fill('password123')
  await page.getByRole('button', { name: 'Log in' }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Welcome, john!')
}

/** The cookie value with one character changed, at `index` (negative counts from the end). */
function flip(value: string, index: number): string {
  const at = index < 0 ? value.length + index : index
  const swapped = value[at] === 'A' ? 'B' : 'A'
  return value.slice(0, at) + swapped + value.slice(at + 1)
}

test.describe('the session cookie', () => {
  test('is HttpOnly, Secure and SameSite=Lax, and page JavaScript cannot read it', async ({
    page,
    context,
  }) => {
    await logIn(page)
    const cookie = await sessionCookie(context)
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/', secure: true })

    const visible = await page.evaluate(() => document.cookie)
    expect(visible).not.toContain(`${SESSION_COOKIE}=`)
    // Only the CSRF token's copy is meant for scripts.
    expect(visible).toMatch(/(^|; )csrf_token=/)
  })

  const tamperings: [string, (value: string) => string][] = [
    ['a changed signature', (v) => flip(v, -1)],
    ['a changed session id', (v) => flip(v, 0)],
    ['a truncated value', (v) => v.slice(0, 20)],
    ['garbage', () => '%%%not-a-cookie%%%'],
    ['an empty value', () => ''],
  ]
  for (const [name, tamper] of tamperings) {
    test(`with ${name} means logged out, never a 500`, async ({ page, context, snap }) => {
      await logIn(page)
      const cookie = (await sessionCookie(context))!
      await context.clearCookies({ name: SESSION_COOKIE })
      // The stored cookie with another value: a `__Host-` cookie keeps its Secure, host-only shape.
      await context.addCookies([{ ...cookie, value: tamper(cookie.value) }])

      const response = await page.goto('/')
      expect(response?.status()).toBe(200)
      await expect(page).toHaveURL(/\/login$/)
      await snap(page, 'tampered-logged-out')
      const me = await page.request.get('/api/me')
      expect(me.status()).toBe(200)
      expect(await me.json()).toEqual({ user: null })
    })
  }
})

test.describe('a cross-site POST', () => {
  test('from a form on another site is refused and logs nobody in', async ({
    page,
    baseURL,
    snap,
  }) => {
    // A page on another site (served by the browser's router, not a server) that posts the
    // right password to the example, as a login-CSRF attack would.
    await page.route('http://evil.test/**', (route) =>
      route.fulfill({
        contentType: 'text/html',
        body: `<form method="post" action="${baseURL}/login">
          <input name="username" value="john"><input name="password" value="password123">
          <button>Win a prize</button></form>`,
      }),
    )
    await page.goto('http://evil.test/')
    const answer = page.waitForResponse(`${baseURL}/login`)
    await page.getByRole('button', { name: 'Win a prize' }).click()
    expect((await answer).status()).toBe(403)
    await snap(page, 'cross-site-refused')
    expect(await (await page.request.get(`${baseURL}/api/me`)).json()).toEqual({ user: null })
  })

  test.describe('sent by a script', () => {
    const attacks: [string, Record<string, string>][] = [
      ['a foreign Origin', { origin: 'http://evil.test' }],
      ['Sec-Fetch-Site: cross-site', { 'sec-fetch-site': 'cross-site' }],
      ['a null Origin', { origin: 'null' }],
    ]
    for (const [name, headers] of attacks) {
      test(`with ${name} is refused`, async ({ request }) => {
        for (const path of ['/login', '/logout', '/api/login', '/api/logout']) {
          const response = await request.post(path, {
            headers,
            form: { username: 'john', password: 'password123' },
            maxRedirects: 0,
          })
          expect(response.status(), path).toBe(403)
        }
      })
    }
  })

  test('without the session CSRF token is refused even from the same origin', async ({
    request,
    baseURL,
  }) => {
    const response = await request.post('/login', {
      headers: { origin: baseURL! },
      form: { username: 'john', password: 'password123' },
      maxRedirects: 0,
    })
    expect(response.status()).toBe(403)
    const api = await request.post('/api/login', {
      headers: { origin: baseURL! },
      data: { username: 'john', password: 'password123' },
    })
    expect(api.status()).toBe(403)
  })
})
