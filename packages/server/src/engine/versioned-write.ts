import {
  CrumbsError,
  type MaybePromise,
  type SessionRecord,
  type StoredSession,
  type StoreSetOptions,
  type StoreSetResult,
} from '@crumbs/core'
import type { EngineShared } from './request-session.js'
import type { SessionState } from './session-state.js'
import type { StoreCalls } from './store-calls.js'

/** Milliseconds of the first conflict backoff's range; each retry doubles it. */
const CONFLICT_BACKOFF_MS = 5

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * One commit's conditional write of a store session. A conflict (the stored version moved on)
 * re-reads, replays this request's changes on what is there and writes again, a bounded number
 * of times, so concurrent requests that change different keys all persist.
 */
export class VersionedWrite {
  readonly #shared: EngineShared
  readonly #session: SessionState
  readonly #store: StoreCalls
  readonly #id: string
  readonly #at: number
  /** The stored version the next write expects; the written one once it succeeded. */
  version: number | undefined

  constructor(
    shared: EngineShared,
    session: SessionState,
    store: StoreCalls,
    id: string,
    version: number | undefined,
    at: number,
  ) {
    this.#shared = shared
    this.#session = session
    this.#store = store
    this.#id = id
    this.version = version
    this.#at = at
  }

  /**
   * The versioned write: on a conflict, re-read, replay this request's changes, retry. After
   * waiting for another commit of this session in this process, its read is surely stale, so it
   * replays on what that commit wrote (or re-reads) instead of colliding and backing off.
   */
  afterTurn(
    waited: { readonly previous: StoredSession | undefined } | undefined,
  ): Promise<boolean> {
    if (waited !== undefined && this.version !== undefined) {
      if (waited.previous === undefined) {
        return this.#rebase().then((found) => (found ? this.#attempt(0) : false))
      }
      this.#session.rebase(waited.previous.record)
      this.version = waited.previous.version
    }
    return this.#attempt(0)
  }

  /** The record and options of one conditional write. */
  #args(): [SessionRecord, StoreSetOptions] {
    const record = this.#session.toRecord(this.#at, this.#shared.opts.userKey)
    const ttl = this.#shared.storeTtl(record.createdAt, this.#at)
    return [record, { ttl, expectedVersion: this.version ?? null }]
  }

  /** The write of a commit that holds no turn: at once when the store can answer at once. */
  now(attempt = 0): MaybePromise<boolean> {
    const [record, options] = this.#args()
    const result = this.#store.setNow(this.#id, record, options)
    if (result instanceof Promise) return result.then((r) => this.#settle(r, attempt))
    return this.#settle(result, attempt)
  }

  /** One conditional write; a conflict re-reads, replays and tries again, a bounded number of times. */
  #attempt(attempt: number): Promise<boolean> {
    const [record, options] = this.#args()
    return this.#store
      .set(this.#id, record, options)
      .then((result) => this.#settle(result, attempt))
  }

  /** The outcome of write number `attempt`: done, or a conflict to replay after a pause. */
  #settle(result: StoreSetResult, attempt: number): MaybePromise<boolean> {
    if (result.ok) {
      this.version = result.version
      return true
    }
    if (attempt >= this.#shared.opts.conflictRetries) {
      throw new CrumbsError(
        'SESSION_CONFLICT',
        'The session kept changing under concurrent requests; try again.',
        { details: { attempts: attempt + 1 } },
      )
    }
    if (this.#store.immediate) {
      // An in-process store cannot change between a read and a write made at once: replay on
      // what is there now and write again, without a pause.
      const fresh = this.#store.getNow(this.#id)
      if (fresh instanceof Promise)
        return fresh.then((found) => this.#replayNow(found, attempt + 1))
      return this.#replayNow(fresh, attempt + 1)
    }
    // Writers that lost one race would retry in lockstep and collide again: a random pause
    // whose range doubles with each attempt spreads them out.
    return sleep(Math.random() * CONFLICT_BACKOFF_MS * 2 ** attempt)
      .then(() => this.#rebase())
      .then((found) => (found ? this.#attempt(attempt + 1) : false))
  }

  /** Replays this request's changes on `found` and writes again; false if it is gone. */
  #replayNow(found: StoredSession | undefined, attempt: number): MaybePromise<boolean> {
    // Deleted meanwhile (logout elsewhere): do not bring it back.
    if (found === undefined) return false
    this.#session.rebase(found.record)
    this.version = found.version
    return this.now(attempt)
  }

  /** Re-reads the stored session and replays this request's changes on it; false if it is gone. */
  async #rebase(): Promise<boolean> {
    const fresh = await this.#store.get(this.#id)
    // Deleted meanwhile (logout elsewhere): do not bring it back.
    if (fresh === undefined) return false
    this.#session.rebase(fresh.record)
    this.version = fresh.version
    return true
  }
}
