import type { SessionRecord } from '@crumbs/core'
import type { MaybePromise } from '@crumbs/core/engine'
import type { SessionState } from './session-state.js'

/** What a request's session cookie held, as a mode read it. */
export interface LoadedSession {
  /** The session's record; `undefined` for no cookie or a refused one. */
  readonly record: SessionRecord | undefined
  /** The cookie verified under a fallback secret: re-issue it under the newest. */
  readonly rotated: boolean
  /** The request carried a session cookie (valid or not). */
  readonly hadCookie: boolean
}

/** What a mode's commit works on: the request's session and its cookie. */
export interface SessionCommit {
  readonly session: SessionState
  /** The session cookie's name on this request (with its prefix, if any). */
  readonly cookieName: string
  /** The cookie must go out again even if nothing changed (a rotated secret, a new identity). */
  readonly cookieStale: boolean
  /** Sets the session cookie to `value` (base64url and `.` only), with the session's lifetime. */
  issue(value: string, at: number): void
  /** Makes the browser forget the session cookie. */
  expire(): void
}

/**
 * Where sessions live between requests: in the cookie itself ({@link CookieMode}) or in a store
 * behind a signed id ({@link StoreMode}). The engine and the request's session talk only to this
 * interface; `State` is what one request's session needs of its mode between load and commit.
 * Methods answer synchronously whenever nothing had to wait (a {@link MaybePromise}).
 */
export interface SessionMode<State extends LoadedSession = LoadedSession> {
  /**
   * The request's session from the value of its session cookie (`undefined` when none came). A
   * refused cookie (tampered, expired, unknown) loads as no record and is reported through
   * `onInvalid`; only a failing store rejects.
   */
  load(value: string | undefined, cookieName: string, now: number): MaybePromise<State>
  /** Whether activity since the last refresh calls for a rolling refresh on this request. */
  refreshDue(state: State, session: SessionState, at: number): boolean
  /** Persists the session (if it must) and sets or expires its cookie. */
  commit(state: State, commit: SessionCommit, at: number): MaybePromise<void>
  /** The session takes a new identity at its commit (call on login). */
  regenerate(state: State): void
  /** Forgets the session's persisted copy now. */
  destroy(state: State): Promise<void>
  /** Ends every session of one user (log out everywhere). */
  destroyUserSessions(userId: string): Promise<number>
}
