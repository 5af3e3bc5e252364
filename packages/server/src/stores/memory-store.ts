import {
  assertSessionId,
  CrumbsError,
  type MaybeSyncSessionStore,
  type SessionRecord,
  type SessionStore,
  type StoredSession,
  type StoreSetOptions,
  type StoreSetResult,
} from '@crumbs/core'
import { assertTtl } from '../internal/store-checks.js'

/** Options of {@link memoryStore}. */
export interface MemoryStoreOptions {
  /** Sessions kept at most; past it the least recently written go first. @default 10000 */
  maxEntries?: number
  /** Whether to stay quiet under NODE_ENV=production. @default false */
  silenceProductionWarning?: boolean
}

interface Entry {
  /** The record as JSON, so callers never share objects with the store (as with a real one). */
  json: string
  version: number
  userId: string | undefined
  /** Unix epoch milliseconds. */
  expiresAt: number
}

/**
 * Sessions in this process's memory, for tests and single-process development: bounded, with
 * expiry, versioned writes and a user index. Lost on restart and not shared between processes,
 * so it emits a warning (`CRUMBS_MEMORY_STORE`) when created under NODE_ENV=production.
 *
 * @example
 * import { memoryStore } from '@crumbs/server/stores/memory'
 * app.use(session({ secret: process.env.SECRET_KEY!, store: memoryStore() }))
 */
export function memoryStore(options: MemoryStoreOptions = {}): SessionStore {
  const maxEntries = options.maxEntries ?? 10_000
  if (!Number.isInteger(maxEntries) || maxEntries < 1) {
    throw new CrumbsError(
      'INVALID_OPTION',
      'memoryStore `maxEntries` must be a whole number above 0.',
      {
        details: { option: 'maxEntries' },
      },
    )
  }
  // `globalThis.process` may be absent when a fetch-style server runs on an edge runtime.
  const env = globalThis.process?.env
  if (env?.NODE_ENV === 'production' && !options.silenceProductionWarning) {
    globalThis.process.emitWarning(
      'The crumbs memory store loses sessions on restart and is not shared between processes; use the sqlite or redis store in production.',
      { code: 'CRUMBS_MEMORY_STORE' },
    )
  }
  // Map order is insertion order: a write re-inserts its id last, so the first key is the oldest.
  const sessions = new Map<string, Entry>()
  const byUser = new Map<string, Set<string>>()

  const unindex = (id: string, userId: string | undefined): void => {
    if (userId === undefined) return
    const ids = byUser.get(userId)
    ids?.delete(id)
    if (ids?.size === 0) byUser.delete(userId)
  }

  const remove = (id: string): boolean => {
    const entry = sessions.get(id)
    if (entry === undefined) return false
    unindex(id, entry.userId)
    return sessions.delete(id)
  }

  const live = (id: string): Entry | undefined => {
    const entry = sessions.get(id)
    if (entry === undefined || entry.expiresAt > Date.now()) return entry
    remove(id)
    return undefined
  }

  const listUserSessions = async (userId: string): Promise<string[]> =>
    [...(byUser.get(userId) ?? [])].filter((id) => live(id) !== undefined)

  // Everything happens in this process, so every operation has its answer at once: the async
  // methods below only wrap these.
  const maybeSync: MaybeSyncSessionStore = {
    get owner(): SessionStore {
      return store
    },
    get(id: string): StoredSession | undefined {
      assertSessionId(id)
      const entry = live(id)
      if (entry === undefined) return undefined
      return {
        record: JSON.parse(entry.json) as SessionRecord,
        version: entry.version,
        expiresAt: Math.floor(entry.expiresAt / 1000),
      }
    },

    set(
      id: string,
      record: SessionRecord,
      { ttl, expectedVersion }: StoreSetOptions,
    ): StoreSetResult {
      assertSessionId(id)
      assertTtl(ttl)
      const current = live(id)
      if (expectedVersion !== undefined && (current?.version ?? null) !== expectedVersion) {
        return { ok: false, reason: 'conflict' }
      }
      const json = JSON.stringify(record)
      remove(id)
      const entry: Entry = {
        json,
        version: (current?.version ?? 0) + 1,
        userId: record.userId,
        expiresAt: Date.now() + ttl * 1000,
      }
      sessions.set(id, entry)
      if (entry.userId !== undefined) {
        const ids = byUser.get(entry.userId) ?? new Set<string>()
        byUser.set(entry.userId, ids.add(id))
      }
      if (sessions.size > maxEntries) {
        for (const oldest of sessions.keys()) {
          if (sessions.size <= maxEntries) break
          remove(oldest)
        }
      }
      return { ok: true, version: entry.version }
    },

    touch(id: string, ttl: number): void {
      assertSessionId(id)
      assertTtl(ttl)
      const entry = live(id)
      if (entry !== undefined) entry.expiresAt = Date.now() + ttl * 1000
    },

    delete(id: string): void {
      assertSessionId(id)
      remove(id)
    },
  }

  const store: SessionStore = {
    maybeSync,
    get: async (id) => maybeSync.get(id),
    set: async (id, record, options) => maybeSync.set(id, record, options),
    touch: async (id, ttl) => maybeSync.touch(id, ttl),
    delete: async (id) => maybeSync.delete(id),
    listUserSessions,

    async deleteUserSessions(userId: string): Promise<number> {
      const ids = await listUserSessions(userId)
      for (const id of ids) remove(id)
      return ids.length
    },
  }
  return store
}
