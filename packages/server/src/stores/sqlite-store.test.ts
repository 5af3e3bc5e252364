import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { generateSessionId, type SessionRecord } from '@crumbs/core'
import Database from 'better-sqlite3'
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest'
import { codeOf, rejectionCode } from '../../test/harness/code-of.js'
import { describeStoreContract } from '../../test/stores/store-contract.js'
import { sqliteStore } from './sqlite-store.js'

const dir = mkdtempSync(join(tmpdir(), 'crumbs-sqlite-'))
let files = 0
const freshPath = (): string => join(dir, `sessions-${files++}.db`)

afterAll(() => rmSync(dir, { recursive: true, force: true }))

const fakeClock = {
  elapse: async (seconds: number) => void vi.setSystemTime(Date.now() + seconds * 1000),
}

describeStoreContract('sqlite (path)', {
  async open() {
    vi.useFakeTimers({ toFake: ['Date'] })
    const store = sqliteStore({ path: freshPath() })
    return {
      store,
      ...fakeClock,
      close: async () => {
        vi.useRealTimers()
        await store.close()
      },
    }
  },
  async openBroken() {
    const db = new Database(freshPath())
    const store = sqliteStore({ db })
    db.close()
    return { store, ...fakeClock, close: () => store.close() }
  },
  maybeSync: true,
})

describeStoreContract('sqlite (the app’s Database)', {
  async open() {
    vi.useFakeTimers({ toFake: ['Date'] })
    const db = new Database(freshPath())
    const store = sqliteStore({ db, table: 'app_sessions' })
    return {
      store,
      ...fakeClock,
      close: async () => {
        vi.useRealTimers()
        await store.close()
        db.close()
      },
    }
  },
  maybeSync: true,
})

const record = (userId?: string): SessionRecord => ({
  data: { username: 'john' },
  createdAt: 0,
  touchedAt: 0,
  permanent: false,
  ...(userId === undefined ? {} : { userId }),
})

describe('sqliteStore', () => {
  it('answers through a promise until its file is open, then at once', async () => {
    const store = sqliteStore({ path: freshPath() })
    try {
      const first = store.maybeSync!.get(generateSessionId())
      expect(first).toBeInstanceOf(Promise)
      expect(await first).toBeUndefined()
      expect(store.maybeSync!.get(generateSessionId())).toBeUndefined()
    } finally {
      await store.close()
    }
  })

  it('throws STORE_UNAVAILABLE at once from its maybe-synchronous face when the open database fails', async () => {
    const db = new Database(freshPath())
    const store = sqliteStore({ db })
    await store.get(generateSessionId())
    db.close()
    const id = generateSessionId()
    for (const call of [
      () => store.maybeSync!.get(id),
      () => store.maybeSync!.set(id, record(), { ttl: 60 }),
      () => store.maybeSync!.touch(id, 60),
      () => store.maybeSync!.delete(id),
    ]) {
      expect(codeOf(call)).toBe('STORE_UNAVAILABLE')
    }
    await store.close()
  })

  afterEach(() => {
    vi.useRealTimers()
  })

  it('keeps sessions in the file across a close and a reopen', async () => {
    const path = freshPath()
    const id = generateSessionId()
    const first = sqliteStore({ path })
    await first.set(id, record('ann'), { ttl: 600 })
    await first.close()
    const second = sqliteStore({ path })
    expect(await second.get(id)).toMatchObject({ version: 1, record: { userId: 'ann' } })
    expect(await second.listUserSessions('ann')).toEqual([id])
    await second.close()
  })

  it('puts the file in WAL mode, with the table and its user and expiry indexes', async () => {
    const path = freshPath()
    const store = sqliteStore({ path })
    await store.get(generateSessionId())
    const db = new Database(path, { readonly: true })
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
    const indexes = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ?")
      .all('crumbs_sessions')
    expect(indexes.map((row) => (row as { name: string }).name).sort()).toEqual([
      'crumbs_sessions_expires_at',
      'crumbs_sessions_user_id',
    ])
    db.close()
    await store.close()
  })

  it('refuses every call after close() with STORE_CLOSED', async () => {
    const store = sqliteStore({ path: freshPath() })
    const id = generateSessionId()
    await store.set(id, record(), { ttl: 600 })
    await store.close()
    expect(await rejectionCode(store.get(id))).toBe('STORE_CLOSED')
    expect(await rejectionCode(store.set(id, record(), { ttl: 600 }))).toBe('STORE_CLOSED')
    expect(await rejectionCode(store.deleteUserSessions('john'))).toBe('STORE_CLOSED')
    expect(await rejectionCode(Promise.resolve().then(() => store.maybeSync!.get(id)))).toBe(
      'STORE_CLOSED',
    )
  })

  it('leaves the app’s own Database open on close', async () => {
    const db = new Database(freshPath())
    const store = sqliteStore({ db })
    await store.set(generateSessionId(), record(), { ttl: 600 })
    await store.close()
    expect(db.open).toBe(true)
    db.close()
  })

  it('deletes an expired row when it is read', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    const db = new Database(freshPath())
    const store = sqliteStore({ db, cleanupInterval: 0 })
    const id = generateSessionId()
    await store.set(id, record(), { ttl: 1 })
    vi.setSystemTime(Date.now() + 2000)
    expect(await store.get(id)).toBeUndefined()
    expect(db.prepare('SELECT count(*) AS n FROM crumbs_sessions').get()).toEqual({ n: 0 })
    await store.close()
    db.close()
  })

  it('sweeps expired rows on its interval, one batch per turn of the event loop, and leaves live ones', async () => {
    vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'] })
    const db = new Database(freshPath())
    const store = sqliteStore({ db, cleanupInterval: 60 })
    for (let i = 0; i < 1200; i++) await store.set(generateSessionId(), record(), { ttl: 30 })
    const live = generateSessionId()
    await store.set(live, record(), { ttl: 600 })
    const count = () =>
      (db.prepare('SELECT count(*) AS n FROM crumbs_sessions').get() as { n: number }).n
    expect(count()).toBe(1201)
    vi.advanceTimersByTime(60_000)
    // One batch of 500 at once; the rest after whatever the event loop had waiting.
    expect(count()).toBe(701)
    await new Promise((resolve) => setImmediate(resolve))
    expect(count()).toBe(201)
    await vi.waitFor(() => expect(count()).toBe(1))
    expect(await store.get(live)).toBeDefined()
    await store.close()
    db.close()
  })

  it('unrefs its sweep timer so it never keeps the process alive', async () => {
    const unref = vi.fn()
    vi.spyOn(globalThis, 'setInterval').mockReturnValue({ unref } as unknown as ReturnType<
      typeof setInterval
    >)
    const store = sqliteStore({ path: freshPath(), cleanupInterval: 5 })
    await store.get(generateSessionId())
    expect(unref).toHaveBeenCalledTimes(1)
    vi.restoreAllMocks()
    await store.close()
  })

  it.each([
    ['no db or path', {}],
    ['both db and path', { db: new Database(':memory:'), path: 'x.db' }],
    ['an empty path', { path: '' }],
    ['a db without prepare', { db: {} }],
    [
      'a table name that is not an identifier',
      { path: 'x.db', table: 'sessions; DROP TABLE users' },
    ],
    ['a negative cleanupInterval', { path: 'x.db', cleanupInterval: -1 }],
    ['a fractional cleanupInterval', { path: 'x.db', cleanupInterval: 0.5 }],
  ])('refuses %s with INVALID_OPTION at creation', (_, options) => {
    expect(codeOf(() => sqliteStore(options as Parameters<typeof sqliteStore>[0]))).toBe(
      'INVALID_OPTION',
    )
  })
})
