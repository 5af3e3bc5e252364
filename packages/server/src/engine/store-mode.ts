import {
  generateSessionId,
  isSessionId,
  type SessionRecord,
  type SessionStore,
  type StoredSession,
} from '@crumbs/core'
import { type MaybePromise, signMaybeSync, thenMaybe, type VerifyResult } from '@crumbs/core/engine'
import { keyringOf } from './resolve-session-options.js'
import type { SessionLifetime } from './session-lifetime.js'
import type { LoadedSession, SessionCommit, SessionMode } from './session-mode.js'
import type { InvalidSessionReason, ResolvedSessionOptions } from './session-options.js'
import type { SessionState } from './session-state.js'
import { SignedIds } from './signed-ids.js'
import { StoreCalls } from './store-calls.js'
import { VersionedWrite, type VersionedWriteTarget } from './versioned-write.js'

/** What a session id cookie's signature is bound to, beside the cookie name. */
const ID_PURPOSE = 'session-id'

/** One request's store session: what was loaded, and the id it lives under. */
export class StoreState implements LoadedSession {
  readonly record: SessionRecord | undefined
  readonly rotated: boolean
  readonly hadCookie: boolean
  /** When the store forgets the session, as loaded (Unix seconds). */
  readonly expiresAt: number | undefined
  /** The id the session is stored under; `undefined` until a new session's first write. */
  id: string | undefined
  /** The stored version this request read, then the one it wrote. */
  version: number | undefined
  /** An id given up by `regenerate()`, deleted once the session is written under its new one. */
  obsoleteId: string | undefined

  constructor(hadCookie: boolean, id?: string, rotated = false, stored?: StoredSession) {
    this.hadCookie = hadCookie
    this.id = id
    this.rotated = rotated
    this.record = stored?.record
    this.version = stored?.version
    this.expiresAt = stored?.expiresAt
  }
}

/**
 * Store sessions (Flask-Session's model): the cookie carries a signed random id and the record
 * lives in a store, written with versioned writes so concurrent requests do not lose changes.
 */
export class StoreMode implements SessionMode<StoreState>, VersionedWriteTarget {
  readonly store: StoreCalls
  readonly lifetime: SessionLifetime
  readonly userKey: string | undefined
  readonly conflictRetries: number
  readonly #ids: SignedIds
  readonly #options: ResolvedSessionOptions

  constructor(store: SessionStore, lifetime: SessionLifetime, options: ResolvedSessionOptions) {
    this.store = new StoreCalls(store, options.storeTimeout)
    this.lifetime = lifetime
    this.userKey = options.userKey
    this.conflictRetries = options.conflictRetries
    this.#ids = new SignedIds(keyringOf(options), ID_PURPOSE)
    this.#options = options
  }

  load(value: string | undefined, cookieName: string, now: number): MaybePromise<StoreState> {
    if (value === undefined) return new StoreState(false)
    return thenMaybe(this.#ids.verify(value, cookieName), (verified) =>
      this.#lookUp(verified, cookieName, now),
    )
  }

  refreshDue(state: StoreState, session: SessionState, at: number): boolean {
    return this.lifetime.refreshDue(session, at, state.expiresAt)
  }

  commit(state: StoreState, commit: SessionCommit, at: number): MaybePromise<void> {
    const { session } = commit
    if (session.modified) {
      return session.empty ? this.#forget(state, commit) : this.#write(state, commit, at)
    }
    if (state.id === undefined) {
      // No session, or a refused one: the browser should forget its cookie.
      if (state.hadCookie) commit.expire()
      return
    }
    const refresh = this.refreshDue(state, session, at)
    const reissue = commit.cookieStale || (refresh && session.permanent)
    if (!refresh) return reissue ? this.#issueId(state.id, commit, at) : undefined
    const { id } = state
    const ttl = this.lifetime.storeTtl(session.createdAt, at)
    return thenMaybe(this.store.touch(id, ttl), () =>
      reissue ? this.#issueId(id, commit, at) : undefined,
    )
  }

  regenerate(state: StoreState): void {
    if (state.id !== undefined) state.obsoleteId ??= state.id
    state.id = undefined
    state.version = undefined
  }

  async destroy(state: StoreState): Promise<void> {
    if (state.id !== undefined) await this.store.delete(state.id)
    if (state.obsoleteId !== undefined) await this.store.delete(state.obsoleteId)
    state.id = undefined
    state.version = undefined
    state.obsoleteId = undefined
  }

  destroyUserSessions(userId: string): Promise<number> {
    return this.store.deleteUserSessions(userId)
  }

  /** The session under a verified id, if the store knows it and it has not timed out. */
  #lookUp(
    verified: VerifyResult<string>,
    cookieName: string,
    now: number,
  ): MaybePromise<StoreState> {
    if (!verified.valid) return this.#refuse(verified.reason, cookieName)
    const id = verified.value
    if (!isSessionId(id)) return this.#refuse('malformed', cookieName)
    return thenMaybe(this.store.get(id), (stored) => {
      if (stored === undefined) return this.#refuse('unknown-id', cookieName)
      // The store's TTL enforces the idle timeout; only the absolute one is checked here.
      const timedOut = this.lifetime.timedOut(stored.record, now, false)
      if (timedOut === undefined) return new StoreState(true, id, verified.rotated, stored)
      return thenMaybe(this.store.delete(id), () => this.#refuse(timedOut, cookieName))
    })
  }

  #refuse(reason: InvalidSessionReason, cookieName: string): StoreState {
    this.#options.onInvalid?.({ reason, cookie: cookieName })
    return new StoreState(true)
  }

  /** The versioned write of a changed session, under a new id for a new session. */
  #write(state: StoreState, commit: SessionCommit, at: number): MaybePromise<void> {
    const fresh = state.id === undefined
    if (state.id === undefined) state.id = generateSessionId()
    const { id } = state
    const write = new VersionedWrite(this, commit.session, id, state.version, at)
    // An in-process store writes at once, and no other commit of this session can run
    // meanwhile; otherwise commits of one session in this process take turns.
    const written =
      this.store.inProcess && !this.store.busy(id)
        ? write.run(undefined)
        : this.store.oneAtATime(id, (waited) => write.run(waited))
    return thenMaybe(written, (ok) => {
      state.version = write.version
      return this.#afterWrite(state, id, commit, at, ok, fresh)
    })
  }

  #afterWrite(
    state: StoreState,
    id: string,
    commit: SessionCommit,
    at: number,
    written: boolean,
    fresh: boolean,
  ): MaybePromise<void> {
    // Deleted meanwhile (a logout, a regenerate() of a concurrent login): the cookie is left
    // alone. Its id is dead, so the next request refuses it; expiring it here could delete the
    // new session cookie the concurrent login set, if this response reached the browser last.
    if (!written) return
    const issue = fresh || commit.cookieStale || commit.session.permanent || !state.hadCookie
    const obsolete = state.obsoleteId
    state.obsoleteId = undefined
    if (obsolete === undefined) return issue ? this.#issueId(id, commit, at) : undefined
    return thenMaybe(this.store.delete(obsolete), () =>
      issue ? this.#issueId(id, commit, at) : undefined,
    )
  }

  /** The session was emptied: forget it in the store and in the browser. */
  async #forget(state: StoreState, commit: SessionCommit): Promise<void> {
    await this.destroy(state)
    if (state.hadCookie) commit.expire()
  }

  /** Sets the cookie to the signed session id. */
  #issueId(id: string, commit: SessionCommit, at: number): MaybePromise<void> {
    const signed = signMaybeSync(id, {
      keys: keyringOf(this.#options),
      name: commit.cookieName,
      purpose: ID_PURPOSE,
    })
    return thenMaybe(signed, (value) => commit.issue(value, at))
  }
}
