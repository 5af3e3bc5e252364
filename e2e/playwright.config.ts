import { defineConfig } from '@playwright/test'
import { chromiumLaunchOptions } from './support/chromium-launch-options.js'

const CI = process.env.CI === 'true'

// Each spec starts the example itself (support/fixtures.ts) on a free loopback port.
export default defineConfig({
  testDir: './specs',
  outputDir: './test-results',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  globalTimeout: 15 * 60_000,
  workers: 2,
  forbidOnly: CI,
  retries: 0,
  reporter: [['list'], ['html', { open: 'never', outputFolder: 'playwright-report' }]],
  use: {
    browserName: 'chromium',
    launchOptions: chromiumLaunchOptions(),
    actionTimeout: 10_000,
    navigationTimeout: 15_000,
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
  },
})
