import { formatWithOptions } from 'node:util'
import { createRedact, type Redact } from './redact-credentials.js'

/** Where the example writes what it has to say; every line goes through one {@link Redact}. */
export interface ExampleLog {
  info(...parts: unknown[]): void
  warn(...parts: unknown[]): void
  error(...parts: unknown[]): void
  readonly redact: Redact
}

/**
 * A log over the console that formats like `console.log` (errors with their stacks), then
 * redacts the credentials of the environment's `REDIS_URL`, `REDIS_CLUSTER_URLS` and
 * `DATABASE_URL`, and of any URL.
 */
export function createExampleLog(env: NodeJS.ProcessEnv): ExampleLog {
  const cluster = (env.REDIS_CLUSTER_URLS ?? '').split(',').map((url) => url.trim())
  const redact = createRedact([env.REDIS_URL, env.DATABASE_URL, ...cluster])
  const line = (parts: unknown[]) => redact(formatWithOptions({ colors: false }, ...parts))
  return {
    info: (...parts) => console.log(line(parts)),
    warn: (...parts) => console.warn(line(parts)),
    error: (...parts) => console.error(line(parts)),
    redact,
  }
}
