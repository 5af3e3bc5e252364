import { type ConcurrencyBounds, createConcurrencyLimit } from './concurrency-limit.js'
import type { LoginThrottle } from './login-throttle.js'
import type { UserDirectory } from './user-directory.js'

/** What a login attempt came to. */
export type LoginOutcome =
  | { readonly kind: 'success'; readonly username: string }
  /** Wrong password or unknown name: 401, counted. */
  | { readonly kind: 'invalid' }
  /** Too many failures: 429 with `Retry-After`, refused before any hashing. */
  | { readonly kind: 'throttled'; readonly retryAfter: number }
  /** Every hashing turn taken and the queue full: 503 with `Retry-After`. */
  | { readonly kind: 'busy'; readonly retryAfter: number }

/** Every login goes through it: the throttle, then a bounded turn at password hashing. */
export interface LoginGuard {
  logIn(username: string, password: string, address: string): Promise<LoginOutcome>
}

/**
 * Passwords hashed at once, and attempts waiting for a turn. Each scrypt takes about 16 MiB and
 * 50 ms on one of libuv's 4 threads; two leave threads for file and DNS work and keep memory
 * small, and 32 waiting is under a second of queue.
 */
export const HASHING_BOUNDS: ConcurrencyBounds = Object.freeze({ running: 2, waiting: 32 })

/** Seconds a client should wait when hashing is saturated. */
const BUSY_RETRY_AFTER = 1

/** Builds the {@link LoginGuard} over the users, the throttle and a hashing semaphore. */
export function createLoginGuard(parts: {
  readonly users: UserDirectory
  readonly throttle: LoginThrottle
  readonly hashing?: ConcurrencyBounds
}): LoginGuard {
  const { users, throttle } = parts
  const hashing = createConcurrencyLimit(parts.hashing ?? HASHING_BOUNDS)
  return {
    async logIn(username, password, address) {
      // A blocked attempt costs a store read, never a hash or a place in the queue.
      const waited = await throttle.retryAfter(username, address)
      if (waited > 0) return { kind: 'throttled', retryAfter: waited }
      const turn = await hashing.tryRun(async (): Promise<LoginOutcome> => {
        // Again, now: attempts queued behind the ones that reached the limit must not hash.
        const retryAfter = await throttle.retryAfter(username, address)
        if (retryAfter > 0) return { kind: 'throttled', retryAfter }
        const user = await users.authenticate(username, password)
        // Counted inside the turn, so the next attempt in the queue sees it.
        if (user === undefined) {
          await throttle.recordFailure(username, address)
          return { kind: 'invalid' }
        }
        await throttle.recordSuccess(username, address)
        return { kind: 'success', username: user }
      })
      return turn.ran ? turn.value : { kind: 'busy', retryAfter: BUSY_RETRY_AFTER }
    },
  }
}
