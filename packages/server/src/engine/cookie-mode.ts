import { CrumbsError, type SessionRecord } from '@crumbs/core'
import { type MaybePromise, thenMaybe } from '@crumbs/core/engine'
import type { DecodeResult, SessionCodec } from '../codecs/session-codec.js'
import { CookieRevocations } from './cookie-revocations.js'
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
 * (sealed, signed or Flask's format), and nothing is kept on the server, except, under the
 * `revocation` option, which logins have ended ({@link CookieRevocations}).
 */
export class CookieMode implements SessionMode {
  readonly #codec: SessionCodec
  readonly #lifetime: SessionLifetime
  readonly #options: ResolvedSessionOptions
  readonly #revocations: CookieRevocations | undefined

  constructor(codec: SessionCodec, lifetime: SessionLifetime, options: ResolvedSessionOptions) {
    this.#codec = codec
    this.#lifetime = lifetime
    this.#options = options
    const { revocation } = options
    this.#revocations =
      revocation === undefined
        ? undefined
        : new CookieRevocations(
            revocation,
            options.storeTimeout,
            options.conflictRetries,
            Math.max(options.maxAge, options.absoluteTimeout),
          )
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
      if (state.hadCookie && (session.modified || session.isNew)) {
        return thenMaybe(this.#endLogin(state, undefined), () => commit.expire())
      }
      return
    }
    if (!session.modified && !commit.cookieStale && !this.refreshDue(state, session, at)) return
    const record = this.#stamped(session.toRecord(at, this.#options.userKey), state.record)
    const validUntil = this.#lifetime.cookieValidUntil(record, at)
    return thenMaybe(this.#endLogin(state, record), () =>
      thenMaybe(this.#codec.encode(record, commit.cookieName, validUntil), (value) =>
        commit.issue(value, at),
      ),
    )
  }

  /**
   * Under revocation, a record that names a user carries its login's stamp: the loaded one while
   * the user is the same, a new one for a new login (none, another user, `regenerate()`). One
   * that names no user (logged out) carries none.
   */
  #stamped(record: SessionRecord, loaded: SessionRecord | undefined): SessionRecord {
    const revocations = this.#revocations
    if (revocations === undefined) return record
    const user = this.#userOf(record)
    const sameLogin =
      record.stamp !== undefined && loaded !== undefined && this.#userOf(loaded) === user
    if (user === undefined) {
      if (record.stamp === undefined) return record
      const { stamp: _, ...rest } = record
      return rest
    }
    return sameLogin ? record : { ...record, stamp: revocations.stamp() }
  }

  /**
   * Under revocation, the login the request's cookie carried ends when its stamp leaves the
   * session (a logout by `pop`, `clear` or `destroy`, a `regenerate`, another user): it is
   * revoked until that cookie could no longer live anyway, so a copy replayed later is refused.
   */
  #endLogin(state: LoadedSession, next: SessionRecord | undefined): MaybePromise<void> {
    const loaded = state.record
    const stamp = loaded?.stamp
    if (this.#revocations === undefined || loaded === undefined || stamp === undefined) return
    if (next?.stamp?.id === stamp.id) return
    const userId = this.#userOf(loaded)
    if (userId === undefined) return
    const until = this.#lifetime.cookieValidUntil(loaded, loaded.touchedAt)
    return this.#revocations.revoke(userId, stamp.id, until)
  }

  /** The user a record names: its `userId`, or the `userKey` of its data (the Flask format). */
  #userOf(record: SessionRecord): string | undefined {
    if (record.userId !== undefined) return record.userId
    const key = this.#options.userKey
    if (key === undefined || !Object.hasOwn(record.data, key)) return undefined
    const value = record.data[key]
    return value === undefined || value === null ? undefined : String(value)
  }

  /** A new issue time is all a new identity is: the re-issued cookie carries it. */
  regenerate(): void {}

  /** Nothing is kept on the server: the commit expires the cookie. */
  async destroy(): Promise<void> {}

  /**
   * Under revocation, revokes every login of the user issued until now and answers 0: cookies
   * live in browsers and cannot be counted.
   */
  async destroyUserSessions(userId: string): Promise<number> {
    if (this.#revocations === undefined) {
      throw new CrumbsError(
        'INVALID_OPTION',
        'destroyUserSessions needs store sessions or revocable cookie sessions: cookie sessions live in the browser and cannot be listed. Pass a `store`, or a `revocation` store.',
        { details: { option: 'revocation' } },
      )
    }
    await this.#revocations.revokeAll(userId)
    return 0
  }

  /**
   * The decoded record, if its cookie decoded, the session has not timed out and, under
   * revocation, its login was not revoked (one store read, for a cookie that names a user).
   */
  #accept(decoded: DecodeResult, cookieName: string, now: number): MaybePromise<LoadedSession> {
    if (!decoded.valid) return this.#refuse(decoded.reason, cookieName)
    const { record, rotated } = decoded
    const timedOut = this.#lifetime.timedOut(record, now, true)
    if (timedOut !== undefined) return this.#refuse(timedOut, cookieName)
    const loaded: LoadedSession = { record, rotated, hadCookie: true }
    const revocations = this.#revocations
    const userId = revocations === undefined ? undefined : this.#userOf(record)
    if (revocations === undefined || userId === undefined) return loaded
    const revoked = revocations.isRevoked(userId, record.stamp, record.createdAt)
    return thenMaybe(revoked, (yes) => (yes ? this.#refuse('revoked', cookieName) : loaded))
  }

  #refuse(reason: InvalidSessionReason, cookieName: string): LoadedSession {
    this.#options.onInvalid?.({ reason, cookie: cookieName })
    return REFUSED
  }
}
