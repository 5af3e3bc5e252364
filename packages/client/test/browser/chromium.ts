import { existsSync } from 'node:fs'
import { type Browser, chromium } from 'playwright-core'

/** The system Chromium the suite drives (Debian's `chromium` package by default). */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

const HOW_TO_GET_IT = `Install it with \`apt-get install -y chromium\`, or set CHROMIUM_PATH to a Chromium or Chrome binary.`

/**
 * Whether Chromium is there. Without it the suite fails under CI=true and is skipped, loudly,
 * on a laptop.
 */
export const hasChromium = existsSync(CHROMIUM_PATH)

if (!hasChromium) {
  if (process.env.CI === 'true') {
    throw new Error(`The Chromium tests need Chromium at ${CHROMIUM_PATH}. ${HOW_TO_GET_IT}`)
  }
  console.warn(
    `\n!!! Skipping the @crumbs/client Chromium tests: no Chromium at ${CHROMIUM_PATH}. ${HOW_TO_GET_IT}\n`,
  )
}

/** Launches the system Chromium headless, with nothing reaching out to the network. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  })
}
