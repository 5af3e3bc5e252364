import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest'
import { launchChromium } from './chromium.js'
import { type ExtraRoute, startServer, type TestServer } from './harness.js'

/** What each Chromium test gets: the file's server, and its own context and page. */
export interface ChromiumPage {
  readonly server: TestServer
  readonly context: BrowserContext
  readonly page: Page
}

/**
 * Registers the hooks every Chromium suite shares: one server and one browser per file, and a
 * fresh context with a page opened at `path` per test, handed to `use`. The server also serves
 * the suite's `routes`.
 */
export function useChromiumPage(
  path: string,
  use: (env: ChromiumPage) => void,
  routes?: Readonly<Record<string, ExtraRoute>>,
): void {
  let server: TestServer | undefined
  let browser: Browser | undefined
  let context: BrowserContext | undefined
  beforeAll(async () => {
    server = await startServer(routes)
    browser = await launchChromium()
  })
  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })
  beforeEach(async () => {
    context = await browser!.newContext()
    const page = await context.newPage()
    await page.goto(`${server!.url}${path}`)
    use({ server: server!, context, page })
  })
  afterEach(() => context?.close())
}
