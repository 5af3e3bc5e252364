import { CrumbsError, type StoredSession, type StoreSetResult } from '@crumbs/core'
import { type MaybePromise, thenMaybe } from '@crumbs/core/engine'
import type { SessionLifetime } from './session-lifetime.js'
import type { SessionState } from './session-state.js'
import type { StoreCalls, Waited } from './store-calls.js'

/** Milliseconds of the first conflict backoff's range; each retry doubles it. */
const CONFLICT_BACKOFF_MS = 5

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

/** What one versioned write needs besides the session. */
export interface VersionedWriteTarget {
  readonly store: StoreCalls
  readonly lifetime: SessionLifetime
  readonly userKey: string | undefined
  /** Conflicting writes retried before `SESSION_CONFLICT`. */
  readonly conflictRetries: number
}

/**
 * One commit's conditional write of a store session. A conflict (the stored version moved on)
 * re-reads, replays this request's changes on what is there and writes again, a bounded number
 * of times, so concurrent requests that change different keys all persist.
 */
export class VersionedWrite {
  readonly #target: VersionedWriteTarget
  readonly #session: SessionState
  readonly #id: string
  readonly #at: number
  /** The stored version the next write expects; the written one once it succeeded. */
  version: number | undefined

  constructor(
    target: VersionedWriteTarget,
    session: SessionState,
    id: string,
    version: number | undefined,
    at: number,
  ) {
    this.#target = target
    this.#session = session
    this.#id = id
    this.version = version
    this.#at = at
  }

  /**
   * Writes, and answers whether the session was written (`false`: it was deleted meanwhile).
   * A commit that `waited` for another commit of this session in this process knows its own
   * read is stale, so it replays on what that commit wrote (or reads again) before writing,
   * instead of colliding and backing off.
   */
  run(waited: Waited | undefined): MaybePromise<boolean> {
    if (waited !== undefined && this.version !== undefined) {
      if (waited.previous === undefined) return this.#reread(0)
      this.#rebase(waited.previous)
    }
    return this.#attempt(0)
  }

  /** Conditional write number `attempt`. */
  #attempt(attempt: number): MaybePromise<boolean> {
    const record = this.#session.toRecord(this.#at, this.#target.userKey)
    const ttl = this.#target.lifetime.storeTtl(record.createdAt, this.#at)
    const written = this.#target.store.set(this.#id, record, {
      ttl,
      expectedVersion: this.version ?? null,
    })
    return thenMaybe(written, (result) => this.#settle(result, attempt))
  }

  /** The outcome of write number `attempt`: done, or a conflict to replay. */
  #settle(result: StoreSetResult, attempt: number): MaybePromise<boolean> {
    if (result.ok) {
      this.version = result.version
      return true
    }
    if (attempt >= this.#target.conflictRetries) {
      throw new CrumbsError(
        'SESSION_CONFLICT',
        'The session kept changing under concurrent requests; try again.',
        { details: { attempts: attempt + 1 } },
      )
    }
    // An in-process store cannot change between a read and a write made at once: replay on
    // what is there now. Writers to a shared store that lost one race would retry in lockstep
    // and collide again: a random pause whose range doubles with each attempt spreads them out.
    if (this.#target.store.inProcess) return this.#reread(attempt + 1)
    return sleep(Math.random() * CONFLICT_BACKOFF_MS * 2 ** attempt).then(() =>
      this.#reread(attempt + 1),
    )
  }

  /** Reads the stored session again, replays this request's changes on it and writes. */
  #reread(attempt: number): MaybePromise<boolean> {
    return thenMaybe(this.#target.store.get(this.#id), (found) => {
      // Deleted meanwhile (logout elsewhere): do not bring it back.
      if (found === undefined) return false
      this.#rebase(found)
      return this.#attempt(attempt)
    })
  }

  #rebase(found: StoredSession): void {
    this.#session.rebase(found.record)
    this.version = found.version
  }
}
