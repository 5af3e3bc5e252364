import type {
  MaybeSyncSessionStore,
  SessionRecord,
  SessionStore,
  StoredSession,
  StoreSetOptions,
  StoreSetResult,
} from '@crumbs/core'
import { type MaybePromise, thenMaybe } from '@crumbs/core/engine'
import { StoreDeadlines, unavailable } from './store-deadlines.js'

/** The record operations, as both faces of a store offer them. */
type RecordOperations = Pick<MaybeSyncSessionStore, 'get' | 'set' | 'touch' | 'delete'>

/** What a commit that waited for another commit of its session gets: that commit's write. */
export interface Waited {
  /** What the commit before wrote, if it wrote (else the store must be read again). */
  readonly previous: StoredSession | undefined
}

/**
 * One commit of a session in this process. Its promise is made only when another commit of the
 * same session arrives to wait for it, so an uncontended commit allocates none.
 */
interface Turn {
  wait: Promise<void> | undefined
  wake: (() => void) | undefined
}

/**
 * The engine's view of a store: every call under the `storeTimeout` deadline (failures become
 * `STORE_UNAVAILABLE`), and one commit at a time per session id within this process.
 */
export class StoreCalls {
  readonly #store: SessionStore
  /** The store's own maybe-synchronous face, if it has one. */
  readonly #face: MaybeSyncSessionStore | undefined
  readonly #deadlines: StoreDeadlines
  /** The newest commit in flight in this process, by session id. */
  readonly #turns = new Map<string, Turn>()
  /** The last write of a session whose commits are queued, handed to the next in line. */
  readonly #written = new Map<string, StoredSession>()

  constructor(store: SessionStore, timeout: number) {
    this.#store = store
    // A copy of a store (a wrapper spreading its members) keeps the original's face, which
    // would bypass the wrapper's own methods: only a store's own face counts.
    const face = store.maybeSync
    this.#face = face !== undefined && face.owner === store ? face : undefined
    this.#deadlines = new StoreDeadlines(timeout)
  }

  /** Whether the store lives in this process (it has a `maybeSync` face of its own). */
  get inProcess(): boolean {
    return this.#face !== undefined
  }

  /** Whether a commit of `sessionId` is in flight in this process. */
  busy(sessionId: string): boolean {
    return this.#turns.has(sessionId)
  }

  get(id: string): MaybePromise<StoredSession | undefined> {
    return this.#call('get', (store) => store.get(id))
  }

  set(id: string, record: SessionRecord, options: StoreSetOptions): MaybePromise<StoreSetResult> {
    const result = this.#call('set', (store) => store.set(id, record, options))
    return thenMaybe(result, (answer) => {
      // A commit queued behind this one replays on what this one wrote instead of reading.
      if (answer.ok && this.#turns.has(id)) {
        const expiresAt = Math.floor(Date.now() / 1000) + options.ttl
        this.#written.set(id, { record, version: answer.version, expiresAt })
      }
      return answer
    })
  }

  touch(id: string, ttl: number): MaybePromise<void> {
    return this.#call('touch', (store) => store.touch(id, ttl))
  }

  delete(id: string): MaybePromise<void> {
    return this.#call('delete', (store) => store.delete(id))
  }

  deleteUserSessions(userId: string): Promise<number> {
    return this.#deadlines.run('deleteUserSessions', () => this.#store.deleteUserSessions(userId))
  }

  /**
   * One record operation through the store's maybe-synchronous face when it has one, else its
   * promise methods: a value at once, or a promise under the `storeTimeout` deadline. A failure
   * becomes `STORE_UNAVAILABLE`, thrown when the store threw, a rejection when it rejected.
   */
  #call<T>(operation: string, call: (store: RecordOperations) => MaybePromise<T>): MaybePromise<T> {
    let answer: MaybePromise<T>
    try {
      answer = call(this.#face ?? this.#store)
    } catch (error) {
      throw unavailable(operation, error)
    }
    return this.#deadlines.settle(operation, answer)
  }

  /**
   * Runs one session's write after any other commit of that session in this process, waiting
   * at most the store timeout for it. A write that waited gets what the one before it wrote (its
   * own read is stale), so it can replay its changes on that without another read. Concurrent
   * requests of one browser then replay their changes once each instead of colliding in
   * lockstep until their retries run out; other processes are still handled by the versioned
   * write.
   */
  oneAtATime<T>(
    sessionId: string,
    write: (waited: Waited | undefined) => MaybePromise<T>,
  ): Promise<T> {
    const previous = this.#turns.get(sessionId)
    const turn: Turn = { wait: undefined, wake: undefined }
    this.#turns.set(sessionId, turn)
    const after = () => write({ previous: this.#written.get(sessionId) })
    let running: Promise<T>
    try {
      if (previous === undefined) running = Promise.resolve(write(undefined))
      else {
        // A turn still in the map is running: a released one leaves the map as it is released.
        previous.wait ??= new Promise<void>((resolve) => {
          previous.wake = resolve
        })
        const wait = previous.wait
        // Past the store timeout this commit goes ahead anyway; its own calls have deadlines.
        running = this.#deadlines.run('commit', () => wait).then(after, after)
      }
    } catch (error) {
      // A synchronous throw must not leave the turn taken, or later commits would wait on it.
      running = Promise.reject(error)
    }
    return running.then(
      (value) => {
        this.#release(sessionId, turn)
        return value
      },
      (error: unknown) => {
        this.#release(sessionId, turn)
        throw error
      },
    )
  }

  #release(sessionId: string, turn: Turn): void {
    turn.wake?.()
    if (this.#turns.get(sessionId) === turn) {
      this.#turns.delete(sessionId)
      this.#written.delete(sessionId)
    }
  }
}
