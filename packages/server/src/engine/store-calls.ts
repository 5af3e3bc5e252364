import type {
  ImmediateSessionStore,
  MaybePromise,
  SessionRecord,
  SessionStore,
  StoredSession,
  StoreSetOptions,
  StoreSetResult,
} from '@crumbs/core'
import { StoreDeadlines, unavailable } from './store-deadlines.js'

/**
 * One commit of a session in this process. Its promise is made only when another commit of the
 * same session arrives to wait for it, so an uncontended commit allocates none.
 */
interface Turn {
  done: boolean
  wait: Promise<void> | undefined
  wake: (() => void) | undefined
}

/**
 * The engine's view of a store: every call under the `storeTimeout` deadline (failures become
 * `STORE_UNAVAILABLE`), and one commit at a time per session id within this process.
 */
export class StoreCalls {
  readonly #store: SessionStore
  readonly #immediate: ImmediateSessionStore | undefined
  readonly #deadlines: StoreDeadlines
  /** The newest commit in flight in this process, by session id. */
  readonly #turns = new Map<string, Turn>()
  /** The last write of a session whose commits are queued, handed to the next in line. */
  readonly #written = new Map<string, StoredSession>()

  constructor(store: SessionStore, timeout: number) {
    this.#store = store
    // A copy of a store (a wrapper spreading its members) keeps the original's face, which
    // would bypass the wrapper's own methods: only a store's own face counts.
    const face = store.immediate
    this.#immediate = face !== undefined && face.owner === store ? face : undefined
    this.#deadlines = new StoreDeadlines(timeout)
  }

  /** Whether the store can answer at once (it has an `immediate` face). */
  get immediate(): boolean {
    return this.#immediate !== undefined
  }

  /** Whether a commit of `sessionId` is in flight in this process. */
  busy(sessionId: string): boolean {
    return this.#turns.has(sessionId)
  }

  /** {@link get}, answered at once when the store can. */
  getNow(id: string): MaybePromise<StoredSession | undefined> {
    const immediate = this.#immediate
    if (immediate === undefined) return this.get(id)
    let answer: MaybePromise<StoredSession | undefined>
    try {
      answer = immediate.get(id)
    } catch (error) {
      throw unavailable('get', error)
    }
    return this.#deadlines.settle('get', answer)
  }

  /** {@link set}, answered at once when the store can; for a commit that holds no turn. */
  setNow(
    id: string,
    record: SessionRecord,
    options: StoreSetOptions,
  ): MaybePromise<StoreSetResult> {
    const immediate = this.#immediate
    if (immediate === undefined) return this.set(id, record, options)
    let answer: MaybePromise<StoreSetResult>
    try {
      answer = immediate.set(id, record, options)
    } catch (error) {
      throw unavailable('set', error)
    }
    return this.#deadlines.settle('set', answer)
  }

  /** {@link touch}, answered at once when the store can. */
  touchNow(id: string, ttl: number): MaybePromise<void> {
    const immediate = this.#immediate
    if (immediate === undefined) return this.touch(id, ttl)
    let answer: MaybePromise<void>
    try {
      answer = immediate.touch(id, ttl)
    } catch (error) {
      throw unavailable('touch', error)
    }
    return this.#deadlines.settle('touch', answer)
  }

  /** {@link delete}, answered at once when the store can. */
  deleteNow(id: string): MaybePromise<void> {
    const immediate = this.#immediate
    if (immediate === undefined) return this.delete(id)
    let answer: MaybePromise<void>
    try {
      answer = immediate.delete(id)
    } catch (error) {
      throw unavailable('delete', error)
    }
    return this.#deadlines.settle('delete', answer)
  }

  get(id: string): Promise<StoredSession | undefined> {
    return this.#deadlines.run('get', () => this.#store.get(id))
  }

  set(id: string, record: SessionRecord, options: StoreSetOptions): Promise<StoreSetResult> {
    return this.#deadlines
      .run('set', () => this.#store.set(id, record, options))
      .then((result) => {
        if (result.ok && this.#turns.has(id)) {
          const expiresAt = Math.floor(Date.now() / 1000) + options.ttl
          this.#written.set(id, { record, version: result.version, expiresAt })
        }
        return result
      })
  }

  touch(id: string, ttl: number): Promise<void> {
    return this.#deadlines.run('touch', () => this.#store.touch(id, ttl))
  }

  delete(id: string): Promise<void> {
    return this.#deadlines.run('delete', () => this.#store.delete(id))
  }

  deleteUserSessions(userId: string): Promise<number> {
    return this.#deadlines.run('deleteUserSessions', () => this.#store.deleteUserSessions(userId))
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
    write: (waited: { readonly previous: StoredSession | undefined } | undefined) => Promise<T>,
  ): Promise<T> {
    const previous = this.#turns.get(sessionId)
    const turn: Turn = { done: false, wait: undefined, wake: undefined }
    this.#turns.set(sessionId, turn)
    let running: Promise<T>
    if (previous === undefined) {
      try {
        running = write(undefined)
      } catch (error) {
        // A synchronous throw must not leave the turn taken, or later commits would wait on it.
        running = Promise.reject(error)
      }
    } else {
      const after = () => write({ previous: this.#written.get(sessionId) })
      if (previous.done) {
        running = after()
      } else {
        previous.wait ??= new Promise<void>((resolve) => {
          previous.wake = resolve
        })
        const wait = previous.wait
        // Past the store timeout this commit goes ahead anyway; its own calls have deadlines.
        running = this.#deadlines.run('commit', () => wait).then(after, after)
      }
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
    turn.done = true
    turn.wake?.()
    if (this.#turns.get(sessionId) === turn) {
      this.#turns.delete(sessionId)
      this.#written.delete(sessionId)
    }
  }
}
