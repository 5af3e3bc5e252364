import type { BrowserContext, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { hasChromium } from './chromium.js'
import type { PageWindow } from './page-window.js'
import { useChromiumPage } from './use-chromium-page.js'

describe.skipIf(!hasChromium)('csrfFetch in Chromium against @crumbs/server', () => {
  let context: BrowserContext
  let page: Page
  useChromiumPage('', (env) => {
    ;({ context, page } = env)
  })

  it('sends the session token from its cookie, which verifyCsrfToken accepts', async () => {
    const statuses = await page.evaluate(async () => {
      const { csrfFetch, readCsrfToken } = (window as unknown as PageWindow).crumbs
      const before = readCsrfToken()
      await fetch('/server/csrf')
      const token = readCsrfToken()
      const plain = await fetch('/server/guarded', { method: 'POST' })
      const guarded = await csrfFetch()('/server/guarded', { method: 'POST' })
      return { before, token, plain: plain.status, guarded: guarded.status }
    })
    expect(statuses).toMatchObject({ before: undefined, plain: 403, guarded: 200 })
    expect(statuses.token).toMatch(/^[\w-]{16,}$/)
  })

  it('never reads the HttpOnly session cookie, only the readable companion', async () => {
    const seen = await page.evaluate(async () => {
      const { createCookieJar, stringCodec } = (window as unknown as PageWindow).crumbs
      await fetch('/server/csrf')
      await fetch('/server/set?name=user&value=ana')
      const jar = createCookieJar({ user: { codec: stringCodec(), readOnly: true } })
      return { user: jar.get('user'), cookie: document.cookie }
    })
    const names = (await context.cookies()).map((cookie) => cookie.name)
    // No session is stored for a visitor's form token: it rides in the session cookie's HttpOnly
    // companion, which the page must not see either.
    expect(names).toContain('session-csrf')
    expect(seen.user).toBe('ana')
    expect(seen.cookie).not.toMatch(/(^|; )session(-csrf)?=/)
  })
})
