import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'
import type { BrowserContext, Page } from 'playwright-core'
import { createElement } from 'react'
import { renderToString } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { CookieProvider } from '../../src/react/index.js'
import { hasChromium } from './chromium.js'
import type { TestServer } from './harness.js'
import { App } from './react-app.js'
import type { ReactPageWindow } from './react-page.js'
import { useChromiumPage } from './use-chromium-page.js'

const PAGE = fileURLToPath(new URL('./react-page.ts', import.meta.url))

/**
 * React 19 and the page script bundled for the browser, in React's development build, which
 * is the one that warns about uncached snapshots and hydration mismatches.
 */
let script: Promise<string> | undefined
const bundlePage = async (): Promise<string> => {
  const result = await build({
    entryPoints: [PAGE],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    define: { 'process.env.NODE_ENV': '"development"' },
    write: false,
    logLevel: 'silent',
  })
  return result.outputFiles[0]!.text
}

/** An HTML page with `markup` in its root, loading the page script. */
const html = (markup: string): string =>
  `<!doctype html><meta charset="utf-8"><div id="root">${markup}</div><script src="/react-page.js"></script>`

const routes = {
  '/react-page.js': { type: 'text/javascript', body: () => (script ??= bundlePage()) },
  // Rendered in the browser only.
  '/react/client': { type: 'text/html; charset=utf-8', body: () => html('') },
  // Rendered on the server from the request's Cookie header, then hydrated.
  '/react/server': {
    type: 'text/html; charset=utf-8',
    body: (header: string | undefined) =>
      html(renderToString(createElement(CookieProvider, { header }, createElement(App)))),
  },
  // The control: rendered on the server without the header, so with the defaults.
  '/react/server-without-header': {
    type: 'text/html; charset=utf-8',
    body: () => html(renderToString(createElement(App))),
  },
}

const PREFS = encodeURIComponent(JSON.stringify({ lang: 'fr' }))

describe.skipIf(!hasChromium)('useCookie in Chromium with React 19', () => {
  let server: TestServer
  let context: BrowserContext
  let page: Page
  useChromiumPage(
    '',
    (env) => {
      ;({ server, context, page } = env)
    },
    routes,
  )

  /** Opens `path` with the given cookies, recording every error React or the page logs. */
  async function open(path: string, cookies: Record<string, string>): Promise<string[]> {
    const errors: string[] = []
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') errors.push(message.text())
    })
    page.on('pageerror', (error) => errors.push(String(error)))
    await context.addCookies(
      Object.entries(cookies).map(([name, value]) => ({ name, value, url: server.url })),
    )
    await page.goto(`${server.url}${path}`)
    await page.waitForFunction(() => (window as unknown as ReactPageWindow).commits.length > 0)
    return errors
  }

  const text = (id: string): Promise<string | null> => page.locator(`#${id}`).textContent()
  const commits = (): Promise<string[]> =>
    page.evaluate(() => (window as unknown as ReactPageWindow).commits)

  it('renders the value, and set updates it with one render', async () => {
    const errors = await open('/react/client', {})
    expect([await text('theme'), await text('prefs')]).toEqual(['light', 'none'])
    await page.click('#dark')
    await page.locator('#theme', { hasText: 'dark' }).waitFor()
    expect(await commits()).toEqual(['mount', 'update'])
    expect(await page.evaluate(() => document.cookie)).toBe('theme=dark')
    expect(errors).toEqual([])
  })

  it('picks up a cookie that another script writes to document.cookie', async () => {
    const errors = await open('/react/client', { theme: 'dark' })
    expect(await text('theme')).toBe('dark')
    await page.evaluate((prefs) => {
      // biome-ignore lint/suspicious/noDocumentCookie: the test plays another script
      document.cookie = `prefs=${prefs}; path=/`
      // biome-ignore lint/suspicious/noDocumentCookie: the test plays another script
      document.cookie = 'theme=light; path=/'
    }, PREFS)
    await page.locator('#theme', { hasText: 'light' }).waitFor()
    await page.locator('#prefs', { hasText: 'fr' }).waitFor()
    expect(errors).toEqual([])
  })

  it('renders a jsonCodec cookie without a render loop', async () => {
    const errors = await open('/react/client', { prefs: PREFS })
    expect(await text('prefs')).toBe('fr')
    // The click is handled after every effect of the first render has run: one more commit.
    await page.click('#dark')
    await page.locator('#theme', { hasText: 'dark' }).waitFor()
    expect(await commits()).toEqual(['mount', 'update'])
    expect(errors).toEqual([])
  })

  it('renders on the server from the Cookie header and hydrates without a mismatch', async () => {
    const response = await page.request.get(`${server.url}/react/server`, {
      headers: { cookie: `theme=dark; prefs=${PREFS}` },
    })
    expect(await response.text()).toContain('<p id="theme">dark</p><p id="prefs">fr</p>')
    const errors = await open('/react/server', { theme: 'dark', prefs: PREFS })
    expect([await text('theme'), await text('prefs')]).toEqual(['dark', 'fr'])
    await page.evaluate(() => {
      // biome-ignore lint/suspicious/noDocumentCookie: the test plays another script
      document.cookie = 'theme=light; path=/'
    })
    await page.locator('#theme', { hasText: 'light' }).waitFor()
    // Hydration committed once, with no second render to correct it, then the change one more.
    expect(await commits()).toEqual(['mount', 'update'])
    expect(errors).toEqual([])
  })

  it('sees a hydration mismatch when the server renders without the header (the control)', async () => {
    const errors = await open('/react/server-without-header', { theme: 'dark' })
    await page.locator('#theme', { hasText: 'dark' }).waitFor()
    expect(errors).not.toEqual([])
  })
})
