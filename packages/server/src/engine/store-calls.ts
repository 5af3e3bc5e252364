import type {
  SessionRecord,
  SessionStore,
  StoredSession,
  StoreSetOptions,
  StoreSetResult,
} from '@crumbs/core'
import { storeCall } from './store-call.js'

/**
 * The engine's view of a store: every call under the `storeTimeout` deadline (failures become
 * `STORE_UNAVAILABLE`), and one commit at a time per session id within this process.
 */
export class StoreCalls {
  readonly #store: SessionStore
  readonly #timeout: number
  /** Store commits in flight in this process, by session id. */
  readonly #commits = new Map<string, Promise<void>>()
  /** The last write of a session whose commits are queued, handed to the next in line. */
  readonly #written = new Map<string, StoredSession>()

  constructor(store: SessionStore, timeout: number) {
    this.#store = store
    this.#timeout = timeout
  }

  get(id: string): Promise<StoredSession | undefined> {
    return storeCall('get', this.#timeout, () => this.#store.get(id))
  }

  async set(id: string, record: SessionRecord, options: StoreSetOptions): Promise<StoreSetResult> {
    const result = await storeCall('set', this.#timeout, () => this.#store.set(id, record, options))
    if (result.ok && this.#commits.has(id)) {
      const expiresAt = Math.floor(Date.now() / 1000) + options.ttl
      this.#written.set(id, { record, version: result.version, expiresAt })
    }
    return result
  }

  touch(id: string, ttl: number): Promise<void> {
    return storeCall('touch', this.#timeout, () => this.#store.touch(id, ttl))
  }

  delete(id: string): Promise<void> {
    return storeCall('delete', this.#timeout, () => this.#store.delete(id))
  }

  deleteUserSessions(userId: string): Promise<number> {
    return storeCall('deleteUserSessions', this.#timeout, () =>
      this.#store.deleteUserSessions(userId),
    )
  }

  /**
   * Runs one session's write after any other commit of that session in this process, waiting
   * at most the store timeout for it. A write that waited gets what the one before it wrote (its
   * own read is stale), so it can replay its changes on that without another read. Concurrent requests of one browser then replay their
   * changes once each instead of colliding in lockstep until their retries run out; other
   * processes are still handled by the versioned write.
   */
  async oneAtATime<T>(
    sessionId: string,
    write: (waited: { readonly previous: StoredSession | undefined } | undefined) => Promise<T>,
  ): Promise<T> {
    const previous = this.#commits.get(sessionId)
    let release!: () => void
    const current = new Promise<void>((resolve) => {
      release = resolve
    })
    this.#commits.set(sessionId, current)
    try {
      if (previous !== undefined) {
        let timer: ReturnType<typeof setTimeout> | undefined
        await Promise.race([
          previous,
          new Promise((resolve) => {
            timer = setTimeout(resolve, this.#timeout * 1000)
          }),
        ])
        clearTimeout(timer)
      }
      if (previous === undefined) return await write(undefined)
      return await write({ previous: this.#written.get(sessionId) })
    } finally {
      release()
      if (this.#commits.get(sessionId) === current) {
        this.#commits.delete(sessionId)
        this.#written.delete(sessionId)
      }
    }
  }
}
