import { CrumbsError } from '@crumbs/core'
import { type MaybePromise, thenMaybe } from '@crumbs/core/engine'
import type { DecodeResult, SessionCodec } from '../codecs/session-codec.js'
import type { SessionLifetime } from './session-lifetime.js'
import type { LoadedSession, SessionCommit, SessionMode } from './session-mode.js'
import type { InvalidSessionReason, ResolvedSessionOptions } from './session-options.js'
import type { SessionState } from './session-state.js'

/** A request without a session cookie. */
const NO_COOKIE: LoadedSession = Object.freeze({
  record: undefined,
  rotated: false,
  hadCookie: false,
})
/** A request whose session cookie was refused (tampered, expired, timed out). */
const REFUSED: LoadedSession = Object.freeze({ record: undefined, rotated: false, hadCookie: true })

/**
 * Cookie sessions (Flask's default): the record travels in the cookie, encoded by a codec
 * (sealed, signed or Flask's format), and nothing is kept on the server.
 */
export class CookieMode implements SessionMode {
  readonly #codec: SessionCodec
  readonly #lifetime: SessionLifetime
  readonly #options: ResolvedSessionOptions

  constructor(codec: SessionCodec, lifetime: SessionLifetime, options: ResolvedSessionOptions) {
    this.#codec = codec
    this.#lifetime = lifetime
    this.#options = options
  }

  load(value: string | undefined, cookieName: string, now: number): MaybePromise<LoadedSession> {
    if (value === undefined) return NO_COOKIE
    return thenMaybe(this.#codec.decode(value, cookieName, now), (decoded) =>
      this.#accept(decoded, cookieName, now),
    )
  }

  refreshDue(_state: LoadedSession, session: SessionState, at: number): boolean {
    return this.#lifetime.refreshDue(session, at, undefined)
  }

  commit(state: LoadedSession, commit: SessionCommit, at: number): MaybePromise<void> {
    const { session } = commit
    if (session.empty) {
      // Cleared, destroyed or refused: the browser should forget the cookie.
      if (state.hadCookie && (session.modified || session.isNew)) commit.expire()
      return
    }
    if (!session.modified && !commit.cookieStale && !this.refreshDue(state, session, at)) return
    const record = session.toRecord(at, this.#options.userKey)
    const validUntil = this.#lifetime.cookieValidUntil(record, at)
    return thenMaybe(this.#codec.encode(record, commit.cookieName, validUntil), (value) =>
      commit.issue(value, at),
    )
  }

  /** A new issue time is all a new identity is: the re-issued cookie carries it. */
  regenerate(): void {}

  /** Nothing is kept on the server: the commit expires the cookie. */
  async destroy(): Promise<void> {}

  async destroyUserSessions(): Promise<number> {
    throw new CrumbsError(
      'INVALID_OPTION',
      'destroyUserSessions needs store sessions: cookie sessions live in the browser and cannot be listed. Pass a `store`.',
      { details: { option: 'store' } },
    )
  }

  /** The decoded record, if its cookie decoded and the session has not timed out. */
  #accept(decoded: DecodeResult, cookieName: string, now: number): LoadedSession {
    if (!decoded.valid) return this.#refuse(decoded.reason, cookieName)
    const timedOut = this.#lifetime.timedOut(decoded.record, now, true)
    if (timedOut !== undefined) return this.#refuse(timedOut, cookieName)
    return { record: decoded.record, rotated: decoded.rotated, hadCookie: true }
  }

  #refuse(reason: InvalidSessionReason, cookieName: string): LoadedSession {
    this.#options.onInvalid?.({ reason, cookie: cookieName })
    return REFUSED
  }
}
