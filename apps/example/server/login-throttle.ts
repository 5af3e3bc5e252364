import { createHash } from 'node:crypto'
import type { RateLimiterAbstract } from 'rate-limiter-flexible'
import { openThrottleCounters, type ThrottleStore } from './throttle-store.js'

/** When failed logins start being refused. */
export interface FailureLimit {
  /** Failed logins that start a block. */
  readonly failures: number
  /** Seconds failures are remembered, counted from the first one. */
  readonly window: number
  /** Seconds a block lasts. */
  readonly block: number
}

/** The two limits a login attempt must pass (docs/architecture/login-throttling.md). */
export interface LoginLimits {
  /** Failures in a row for one username from one client address; a success starts again. */
  readonly account: FailureLimit
  /** Failures from one client address, whatever the username. */
  readonly address: FailureLimit
}

/** 5 in a row per username and address, then 15 minutes; 100 a day per address, then a day. */
export const LOGIN_LIMITS: LoginLimits = Object.freeze({
  account: Object.freeze({ failures: 5, window: 86_400, block: 900 }),
  address: Object.freeze({ failures: 100, window: 86_400, block: 86_400 }),
})

/** Failed-login counters kept in a store, so they hold across restarts and instances. */
export interface LoginThrottle {
  /** Seconds until `username` may be tried from `address` again; 0 when it may be now. */
  retryAfter(username: string, address: string): Promise<number>
  /** Counts a wrong password (or an unknown name) from `address`. */
  recordFailure(username: string, address: string): Promise<void>
  /** Clears the count of `username` from `address`; the address's own count stays. */
  recordSuccess(username: string, address: string): Promise<void>
  /** Stops the sweep of expired rows; the store itself is the caller's. */
  close(): Promise<void>
}

/** Minutes between sweeps of expired rows in a SQL store. */
const SWEEP_MINUTES = 60

/** A throttle counter failing: the store is down, so the login answers 503. */
export class ThrottleUnavailableError extends Error {
  override readonly name = 'ThrottleUnavailableError'
  readonly code = 'THROTTLE_UNAVAILABLE'
}

/** A fixed-size key for a username of any length or alphabet (SQL keys are at most 255). */
const accountKey = (username: string, address: string): string =>
  `${createHash('sha256').update(username).digest('base64url')}@${address}`

async function guarded<T>(step: Promise<T>): Promise<T> {
  try {
    return await step
  } catch (error) {
    // rate-limiter-flexible rejects with an Error for a store failure.
    throw new ThrottleUnavailableError('The login throttle store did not answer.', { cause: error })
  }
}

/** Seconds a counter's key is still blocked for; 0 when it is not. */
async function blockedFor(counter: RateLimiterAbstract, limit: FailureLimit, key: string) {
  const state = await guarded(counter.get(key))
  if (state === null || state.consumedPoints < limit.failures) return 0
  return Math.max(1, Math.ceil(state.msBeforeNext / 1000))
}

async function fail(counter: RateLimiterAbstract, limit: FailureLimit, key: string) {
  const state = await guarded(counter.penalty(key))
  // The failure that reaches the limit starts the block, which lasts `block` from now.
  if (state.consumedPoints >= limit.failures) await guarded(counter.block(key, limit.block))
}

/**
 * Opens the throttle's two counters in `store` (rate-limiter-flexible on the same SQLite file,
 * PostgreSQL or Redis as the sessions) and sweeps expired rows hourly.
 */
export async function createLoginThrottle(
  store: ThrottleStore,
  limits: LoginLimits = LOGIN_LIMITS,
): Promise<LoginThrottle> {
  const { counters, sweep } = await openThrottleCounters(store, [
    {
      keyPrefix: 'login-account',
      points: limits.account.failures,
      duration: limits.account.window,
    },
    {
      keyPrefix: 'login-address',
      points: limits.address.failures,
      duration: limits.address.window,
    },
  ])
  const [account, address] = counters as [RateLimiterAbstract, RateLimiterAbstract]
  const timer = setInterval(() => {
    sweep().catch((error: unknown) => {
      process.emitWarning(`The login throttle's sweep failed: ${(error as Error).message}`)
    })
  }, SWEEP_MINUTES * 60_000)
  timer.unref()

  return {
    async retryAfter(username, from) {
      const waits = await Promise.all([
        blockedFor(account, limits.account, accountKey(username, from)),
        blockedFor(address, limits.address, from),
      ])
      return Math.max(...waits)
    },
    async recordFailure(username, from) {
      await Promise.all([
        fail(account, limits.account, accountKey(username, from)),
        fail(address, limits.address, from),
      ])
    },
    async recordSuccess(username, from) {
      await guarded(account.delete(accountKey(username, from)))
    },
    async close() {
      clearInterval(timer)
    },
  }
}
