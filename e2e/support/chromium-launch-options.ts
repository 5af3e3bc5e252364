import { existsSync } from 'node:fs'
import type { LaunchOptions } from '@playwright/test'
import { chromium } from '@playwright/test'

/** Debian's package (`apt-get install -y chromium`). */
const SYSTEM_CHROMIUM = '/usr/bin/chromium'

/** Flags for a headless Chromium in a container: no sandbox as root, no calls home. */
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
]

/** Playwright's own download, when `npx playwright install chromium` was run. */
function playwrightChromium(): string | undefined {
  try {
    const path = chromium.executablePath()
    return existsSync(path) ? path : undefined
  } catch (error) {
    console.warn('[e2e] no Playwright-managed Chromium:', (error as Error).message)
    return undefined
  }
}

/**
 * Which Chromium to launch: `CHROMIUM_PATH`, else the system's /usr/bin/chromium, else
 * Playwright's own. Throws, naming both ways to get one, when there is none.
 */
export function chromiumLaunchOptions(env: NodeJS.ProcessEnv = process.env): LaunchOptions {
  const wanted = env.CHROMIUM_PATH
  if (wanted !== undefined && wanted !== '' && !existsSync(wanted)) {
    throw new Error(`CHROMIUM_PATH is set to ${wanted}, which does not exist.`)
  }
  const executablePath =
    wanted || (existsSync(SYSTEM_CHROMIUM) ? SYSTEM_CHROMIUM : undefined) || playwrightChromium()
  if (executablePath === undefined) {
    throw new Error(
      [
        'No Chromium found for the e2e tests. Get one either way:',
        '  apt-get install -y chromium          (Debian/Ubuntu: /usr/bin/chromium, used automatically)',
        '  pnpm --filter @crumbs/e2e exec playwright install chromium   (npx playwright install chromium)',
        'or point CHROMIUM_PATH at a Chromium or Chrome binary.',
      ].join('\n'),
    )
  }
  return { executablePath, args: ARGS }
}
