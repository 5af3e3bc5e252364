import {
  assertSessionId,
  type SessionRecord,
  type SessionStore,
  type StoredSession,
  type StoreSetOptions,
  type StoreSetResult,
} from '@crumbs/core'

/** Options of {@link memoryStore}. */
export interface MemoryStoreOptions {
  /** Sessions kept at most; the least recently written go first. @default 10000 */
  maxEntries?: number
  /** Whether to stay quiet under NODE_ENV=production. @default false */
  silenceProductionWarning?: boolean
}

interface Entry {
  record: SessionRecord
  version: number
  /** Unix milliseconds. */
  expiresAt: number
}

const now = (): number => Date.now()

/**
 * Sessions in this process's memory: for tests and single-process development. Bounded, with
 * expiry, versioned writes and a user index. Lost on restart and not shared between processes,
 * so it warns under NODE_ENV=production.
 */
export function memoryStore(options: MemoryStoreOptions = {}): SessionStore {
  const maxEntries = options.maxEntries ?? 10_000
  const sessions = new Map<string, Entry>()
  const byUser = new Map<string, Set<string>>()
  if (process.env.NODE_ENV === 'production' && !options.silenceProductionWarning) {
    process.emitWarning(
      'The crumbs memory store loses sessions on restart and is not shared between processes; use the sqlite or redis store in production.',
      { code: 'CRUMBS_MEMORY_STORE' },
    )
  }

  const unindex = (id: string, entry: Entry | undefined): void => {
    const userId = entry?.record.userId
    if (userId === undefined) return
    const ids = byUser.get(userId)
    ids?.delete(id)
    if (ids?.size === 0) byUser.delete(userId)
  }

  const remove = (id: string): void => {
    unindex(id, sessions.get(id))
    sessions.delete(id)
  }

  const live = (id: string): Entry | undefined => {
    const entry = sessions.get(id)
    if (entry !== undefined && entry.expiresAt <= now()) {
      remove(id)
      return undefined
    }
    return entry
  }

  return {
    async get(id: string): Promise<StoredSession | undefined> {
      assertSessionId(id)
      const entry = live(id)
      return (
        entry && {
          record: entry.record,
          version: entry.version,
          expiresAt: Math.floor(entry.expiresAt / 1000),
        }
      )
    },

    async set(
      id: string,
      record: SessionRecord,
      { ttl, expectedVersion }: StoreSetOptions,
    ): Promise<StoreSetResult> {
      assertSessionId(id)
      const current = live(id)
      if (expectedVersion !== undefined && (current?.version ?? null) !== expectedVersion) {
        return { ok: false, reason: 'conflict' }
      }
      unindex(id, current)
      sessions.delete(id) // re-inserted last: Map order is the eviction order
      const entry: Entry = {
        record,
        version: (current?.version ?? 0) + 1,
        expiresAt: now() + ttl * 1000,
      }
      sessions.set(id, entry)
      if (record.userId !== undefined) {
        const ids = byUser.get(record.userId) ?? new Set<string>()
        byUser.set(record.userId, ids.add(id))
      }
      for (const oldest of sessions.keys()) {
        if (sessions.size <= maxEntries) break
        remove(oldest)
      }
      return { ok: true, version: entry.version }
    },

    async touch(id: string, ttl: number): Promise<void> {
      assertSessionId(id)
      const entry = live(id)
      if (entry !== undefined) entry.expiresAt = now() + ttl * 1000
    },

    async delete(id: string): Promise<void> {
      assertSessionId(id)
      remove(id)
    },

    async listUserSessions(userId: string): Promise<string[]> {
      return [...(byUser.get(userId) ?? [])].filter((id) => live(id) !== undefined)
    },

    async deleteUserSessions(userId: string): Promise<number> {
      const ids = await this.listUserSessions(userId)
      for (const id of ids) remove(id)
      return ids.length
    },
  }
}
