import type { SessionRecord } from '@crumbs/core'
import type { InvalidSessionReason, ResolvedSessionOptions } from './session-options.js'
import type { SessionState } from './session-state.js'

/** Unix epoch seconds, the unit of every session time. */
export const nowSeconds = (): number => Math.floor(Date.now() / 1000)

/**
 * The time rules of one engine's sessions, the same for both modes: the idle and absolute
 * timeouts, how long a store keeps a session and a cookie lives, and when activity refreshes
 * them. Times are Unix epoch seconds.
 */
export class SessionLifetime {
  readonly #maxAge: number
  readonly #idleTimeout: number
  readonly #absoluteTimeout: number
  readonly #rolling: boolean
  readonly #refreshAfter: number

  constructor(options: ResolvedSessionOptions) {
    this.#maxAge = options.maxAge
    this.#idleTimeout = options.idleTimeout
    this.#absoluteTimeout = options.absoluteTimeout
    this.#rolling = options.rolling
    this.#refreshAfter = options.refreshAfter
  }

  /** Seconds left of a session created at `createdAt` by the absolute timeout (∞ when off). */
  absoluteRemaining(createdAt: number, now: number): number {
    return this.#absoluteTimeout > 0
      ? createdAt + this.#absoluteTimeout - now
      : Number.POSITIVE_INFINITY
  }

  /**
   * Why a loaded record can no longer be used, if it cannot. Store sessions pass `checkIdle:
   * false`: the store's own TTL enforces their idle timeout.
   */
  timedOut(
    record: SessionRecord,
    now: number,
    checkIdle: boolean,
  ): InvalidSessionReason | undefined {
    if (this.absoluteRemaining(record.createdAt, now) <= 0) return 'absolute-timeout'
    if (checkIdle && this.#idleTimeout > 0 && now - record.touchedAt >= this.#idleTimeout) {
      return 'idle-timeout'
    }
    return undefined
  }

  /** Seconds a store keeps a session after a request at `now`, within its absolute lifetime. */
  storeTtl(createdAt: number, now: number): number {
    const idle = this.#idleTimeout > 0 ? Math.min(this.#idleTimeout, this.#maxAge) : this.#maxAge
    return Math.max(1, Math.min(idle, this.absoluteRemaining(createdAt, now)))
  }

  /** When a cookie session issued at `at` must stop decoding, as far as its format can say. */
  cookieValidUntil(record: SessionRecord, at: number): number {
    const idle = at + (this.#idleTimeout > 0 ? this.#idleTimeout : this.#maxAge)
    return this.#absoluteTimeout > 0
      ? Math.min(idle, record.createdAt + this.#absoluteTimeout)
      : idle
  }

  /**
   * The session cookie's `Max-Age` at `at`: whole seconds within `maxAge` and the absolute
   * timeout for a permanent session, none (a browser-session cookie) otherwise.
   */
  cookieMaxAge(session: SessionState, at: number): number | undefined {
    if (!session.permanent) return undefined
    return Math.max(0, Math.min(this.#maxAge, this.absoluteRemaining(session.createdAt, at)))
  }

  /**
   * Whether a rolling refresh is due at `at`: enough time passed since the cookie was issued
   * or, for a store session, since the store's expiry was last pushed back (`expiresAt`).
   */
  refreshDue(session: SessionState, at: number, expiresAt: number | undefined): boolean {
    if (!this.#rolling || session.isNew) return false
    if (expiresAt !== undefined) {
      return this.storeTtl(session.createdAt, at) - (expiresAt - at) >= this.#refreshAfter
    }
    return at - session.touchedAt >= this.#refreshAfter
  }
}
