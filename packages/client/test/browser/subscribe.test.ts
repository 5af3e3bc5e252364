import type { BrowserContext, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { hasChromium } from './chromium.js'
import type { TestServer } from './harness.js'
import type { PageWindow } from './page-window.js'
import { useChromiumPage } from './use-chromium-page.js'

/** How the page's jar watches: Chromium's CookieStore, polling by option, or a browser without CookieStore. */
type Mode = 'cookie-store' | 'polling' | 'no-cookie-store'

/** Makes a jar in the page that records every value `theme` takes into `window.seen`. */
function subscribeInPage(page: Page, mode: Mode, pollInterval: number): Promise<void> {
  return page.evaluate(
    ({ mode, pollInterval }) => {
      const w = window as unknown as PageWindow
      if (mode === 'no-cookie-store') {
        Object.defineProperty(window, 'cookieStore', { value: undefined, configurable: true })
      }
      const { createCookieJar, enumCodec } = w.crumbs
      const jar = createCookieJar(
        { theme: { codec: enumCodec(['light', 'dark']), default: 'light' } },
        { cookieStore: mode === 'cookie-store', pollInterval },
      )
      w.seen = []
      w.jar = jar
      jar.subscribe('theme', (value) => w.seen.push(value))
    },
    { mode, pollInterval },
  )
}

const seen = (page: Page): Promise<unknown[]> =>
  page.evaluate(() => (window as unknown as PageWindow).seen)

describe.skipIf(!hasChromium)('subscribe in Chromium', () => {
  let server: TestServer
  let context: BrowserContext
  let page: Page
  useChromiumPage('', (env) => {
    ;({ server, context, page } = env)
  })

  it('has CookieStore on http://127.0.0.1, a potentially trustworthy origin', async () => {
    expect(await page.evaluate(() => typeof window.cookieStore)).toBe('object')
  })

  // An hour-long poll interval proves the CookieStore path needs no polling.
  it.each([
    ['cookie-store', 3600],
    ['polling', 0.05],
    ['no-cookie-store', 0.05],
  ] as const)('sees a cookie the server sets (%s)', async (mode, pollInterval) => {
    await subscribeInPage(page, mode, pollInterval)
    await page.evaluate(() => fetch('/server/set?name=theme&value=dark'))
    await page.waitForFunction(() => (window as unknown as PageWindow).seen.length > 0)
    await page.evaluate(() => fetch('/server/set?name=theme&value=blue'))
    await page.waitForFunction(() => (window as unknown as PageWindow).seen.length > 1)
    expect(await seen(page)).toEqual(['dark', 'light'])
  })

  it.each([
    ['cookie-store', 3600],
    ['polling', 0.05],
  ] as const)('sees a change made in another tab (%s)', async (mode, pollInterval) => {
    await subscribeInPage(page, mode, pollInterval)
    const other = await context.newPage()
    await other.goto(server.url)
    await other.evaluate(() => {
      const { createCookieJar, enumCodec } = (window as unknown as PageWindow).crumbs
      createCookieJar({ theme: { codec: enumCodec(['light', 'dark']) } }).set('theme', 'dark')
    })
    await page.waitForFunction(() => (window as unknown as PageWindow).seen.length > 0)
    expect(await seen(page)).toEqual(['dark'])
  })

  it.each([
    ['cookie-store', 3600],
    ['polling', 3600],
  ] as const)(
    'notifies at once of a write through the jar, once (%s)',
    async (mode, pollInterval) => {
      await subscribeInPage(page, mode, pollInterval)
      const atOnce = await page.evaluate(() => {
        const w = window as unknown as PageWindow
        const jar = w.jar as { set(name: 'theme', value: 'dark'): unknown }
        jar.set('theme', 'dark')
        return [...w.seen]
      })
      expect(atOnce).toEqual(['dark'])
      // Give the CookieStore change event time to arrive: it must not repeat the notification.
      await page.waitForTimeout(200)
      expect(await seen(page)).toEqual(['dark'])
    },
  )
})
