import { generateSessionId, isCrumbsError, type SessionRecord } from '@crumbs/core'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { describeStoreContract } from '../../test/stores/store-contract.js'
import { memoryStore } from './memory-store.js'

describeStoreContract('memory', {
  async open() {
    vi.useFakeTimers({ toFake: ['Date'] })
    return {
      store: memoryStore(),
      elapse: async (seconds) => void vi.setSystemTime(Date.now() + seconds * 1000),
      close: async () => void vi.useRealTimers(),
    }
  },
  maybeSync: true,
})

const record = (username: string): SessionRecord => ({
  data: { username },
  createdAt: 0,
  touchedAt: 0,
  permanent: false,
  userId: username,
})

describe('memoryStore', () => {
  afterEach(() => {
    vi.unstubAllEnvs()
    vi.restoreAllMocks()
  })

  it('keeps at most maxEntries sessions, evicting the least recently written first', async () => {
    const store = memoryStore({ maxEntries: 3 })
    const ids = Array.from({ length: 4 }, () => generateSessionId())
    for (const [i, id] of ids.slice(0, 3).entries())
      await store.set(id, record(`u${i}`), { ttl: 60 })
    // Rewriting the oldest makes the second one the oldest.
    await store.set(ids[0]!, record('u0'), { ttl: 60 })
    await store.set(ids[3]!, record('u3'), { ttl: 60 })
    expect(await store.get(ids[1]!)).toBeUndefined()
    expect(await store.listUserSessions('u1')).toEqual([])
    for (const id of [ids[0]!, ids[2]!, ids[3]!]) expect(await store.get(id)).toBeDefined()
  })

  it('holds no more than maxEntries however many sessions are written', async () => {
    const store = memoryStore({ maxEntries: 50 })
    const ids = Array.from({ length: 500 }, () => generateSessionId())
    for (const id of ids) await store.set(id, record('many'), { ttl: 60 })
    const live = await Promise.all(ids.map((id) => store.get(id)))
    expect(live.filter(Boolean)).toHaveLength(50)
    expect(await store.listUserSessions('many')).toEqual(ids.slice(-50))
  })

  it.each([0, -1, 1.5, Number.NaN, '10'])(
    'refuses maxEntries %j with INVALID_OPTION',
    (maxEntries) => {
      let error: unknown
      try {
        memoryStore({ maxEntries: maxEntries as number })
      } catch (e) {
        error = e
      }
      expect(isCrumbsError(error, 'INVALID_OPTION')).toBe(true)
    },
  )

  it('warns when created under NODE_ENV=production, with code CRUMBS_MEMORY_STORE', () => {
    const warn = vi.spyOn(process, 'emitWarning').mockImplementation(() => {})
    vi.stubEnv('NODE_ENV', 'production')
    memoryStore()
    expect(warn).toHaveBeenCalledTimes(1)
    expect(warn.mock.calls[0]?.[1]).toMatchObject({ code: 'CRUMBS_MEMORY_STORE' })
  })

  it('stays quiet in production when told to, and outside production', () => {
    const warn = vi.spyOn(process, 'emitWarning').mockImplementation(() => {})
    vi.stubEnv('NODE_ENV', 'production')
    memoryStore({ silenceProductionWarning: true })
    vi.stubEnv('NODE_ENV', 'development')
    memoryStore()
    expect(warn).not.toHaveBeenCalled()
  })

  it('keeps working with destructured methods', async () => {
    const { set, deleteUserSessions } = memoryStore()
    await set(generateSessionId(), record('kim'), { ttl: 60 })
    expect(await deleteUserSessions('kim')).toBe(1)
  })
})
