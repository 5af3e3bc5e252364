import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { test as base, expect, type Page } from '@playwright/test'
import { type ExampleServer, startExample } from './example-server.js'

/** The README's picture of the example; rewritten only with UPDATE_README_SCREENSHOT=1. */
const README_SCREENSHOT = fileURLToPath(
  new URL('../../docs/screenshots/login.png', import.meta.url),
)

interface TestFixtures {
  /** Saves a full-page screenshot named `name` among this test's artifacts and attaches it. */
  snap: (page: Page, name: string) => Promise<void>
  /** Fails the test if the shared app answered any request with a 5xx. */
  noServerErrors: undefined
}

interface WorkerFixtures {
  /** The example in its default mode (SQLite store), one per worker, on a free port. */
  app: ExampleServer
}

/** Playwright's `test` with the example app as `baseURL` and the helpers above. */
export const test = base.extend<TestFixtures, WorkerFixtures>({
  app: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright requires a destructured first argument.
    async ({}, use) => {
      const app = await startExample()
      await use(app)
      await app.dispose()
    },
    { scope: 'worker', timeout: 30_000 },
  ],
  baseURL: async ({ app }, use) => {
    await use(app.url)
  },
  // biome-ignore lint/correctness/noEmptyPattern: Playwright requires a destructured first argument.
  snap: async ({}, use, testInfo) => {
    await use(async (page, name) => {
      const path = testInfo.outputPath(`${name}.png`)
      await page.screenshot({ path, fullPage: true })
      await testInfo.attach(name, { path, contentType: 'image/png' })
    })
  },
  noServerErrors: [
    async ({ app }, use) => {
      const before = app.serverErrors().length
      await use(undefined)
      expect(app.serverErrors().slice(before)).toEqual([])
    },
    { auto: true },
  ],
})

export { expect }

/** Writes the README screenshot of `page` when UPDATE_README_SCREENSHOT=1. */
export async function updateReadmeScreenshot(page: Page): Promise<void> {
  if (process.env.UPDATE_README_SCREENSHOT !== '1') return
  mkdirSync(dirname(README_SCREENSHOT), { recursive: true })
  const viewport = page.viewportSize()
  // A small frame keeps the picture readable at README width.
  await page.setViewportSize({ width: 720, height: 540 })
  await page.screenshot({ path: README_SCREENSHOT })
  if (viewport !== null) await page.setViewportSize(viewport)
}
