import type { ExampleLog } from './example-log.js'
import { StartupError } from './startup-error.js'

/** crumbs' codes for a secret it refuses at start-up, a configuration mistake like the others. */
const SECRET_CODES = new Set(['SECRET_TOO_SHORT', 'SECRET_WEAK'])

/**
 * Prints why the example could not start: a configuration mistake as one sentence, anything
 * else with its stack. Both through `log`, so no credential reaches the terminal.
 */
export function reportStartupFailure(error: unknown, log: ExampleLog): void {
  const code = (error as { code?: unknown } | null)?.code
  if (error instanceof StartupError || (typeof code === 'string' && SECRET_CODES.has(code))) {
    log.error(`\n✖ The example cannot start: ${(error as Error).message}\n`)
  } else {
    log.error('\n✖ The example cannot start:', error, '\n')
  }
}
