import {
  CrumbsError,
  generateSessionId,
  isCrumbsError,
  type SessionRecord,
  type SessionStore,
} from '@crumbs/core'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { codeOf, rejectionCode } from '../../test/harness/code-of.js'
import { memoryStore } from '../stores/memory-store.js'
import { StoreCalls, type Waited } from './store-calls.js'

const record = (data: Record<string, unknown> = { n: 1 }): SessionRecord => ({
  data,
  createdAt: 1_000,
  touchedAt: 1_000,
  permanent: false,
})

const never = () => new Promise<never>(() => {})

/** A memory store without its maybe-synchronous face: every call answers with a promise. */
function remoteStore(): SessionStore {
  const { maybeSync: _, ...remote } = memoryStore()
  return remote
}

/** A store whose record operations all do `operation` (the list calls are never made here). */
function storeDoing(operation: () => never | Promise<never>): SessionStore {
  return {
    get: operation,
    set: operation,
    touch: operation,
    delete: operation,
    listUserSessions: operation,
    deleteUserSessions: operation,
  }
}

/** Each record operation of {@link StoreCalls}, called with a valid id. */
const operations = [
  ['get', (calls: StoreCalls, id: string) => calls.get(id)],
  ['set', (calls: StoreCalls, id: string) => calls.set(id, record(), { ttl: 60 })],
  ['touch', (calls: StoreCalls, id: string) => calls.touch(id, 60)],
  ['delete', (calls: StoreCalls, id: string) => calls.delete(id)],
] as const

/** A promise and the functions that settle it. */
function deferred<T = void>() {
  let resolve!: (value: T) => void
  let reject!: (error: unknown) => void
  const promise = new Promise<T>((res, rej) => {
    resolve = res
    reject = rej
  })
  return { promise, resolve, reject }
}

describe('StoreCalls', () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  describe('the maybe-synchronous face', () => {
    it("answers synchronously through the store's own face, never its promise methods", () => {
      const store = memoryStore()
      const promiseGet = vi.spyOn(store, 'get')
      const promiseSet = vi.spyOn(store, 'set')
      const calls = new StoreCalls(store, 5)
      const id = generateSessionId()
      expect(calls.inProcess).toBe(true)
      expect(calls.set(id, record(), { ttl: 60, expectedVersion: null })).toEqual({
        ok: true,
        version: 1,
      })
      expect(calls.get(id)).toMatchObject({ record: record(), version: 1 })
      expect(calls.touch(id, 120)).toBeUndefined()
      expect(calls.delete(id)).toBeUndefined()
      expect(calls.get(id)).toBeUndefined()
      expect(promiseGet).not.toHaveBeenCalled()
      expect(promiseSet).not.toHaveBeenCalled()
    })

    it('ignores a face whose owner is another object, and calls the copy’s own methods', async () => {
      const original = memoryStore()
      const faceGet = vi.spyOn(original.maybeSync!, 'get')
      const copy: SessionStore = { ...original, get: vi.fn(original.get) }
      const calls = new StoreCalls(copy, 5)
      expect(calls.inProcess).toBe(false)
      const answer = calls.get(generateSessionId())
      expect(answer).toBeInstanceOf(Promise)
      await expect(answer).resolves.toBeUndefined()
      expect(copy.get).toHaveBeenCalledTimes(1)
      // The copy's get reaches the face itself, once; StoreCalls never went to it directly.
      expect(faceGet).toHaveBeenCalledTimes(1)
    })

    it('treats a store without a face as remote: every answer is a promise', async () => {
      const calls = new StoreCalls(remoteStore(), 5)
      const id = generateSessionId()
      expect(calls.inProcess).toBe(false)
      const written = calls.set(id, record(), { ttl: 60 })
      expect(written).toBeInstanceOf(Promise)
      await expect(written).resolves.toEqual({ ok: true, version: 1 })
      await expect(calls.get(id)).resolves.toMatchObject({ version: 1 })
    })
  })

  describe('deadlines and failures', () => {
    beforeEach(() => {
      vi.useFakeTimers()
    })

    it.each(operations)(
      'gives up on a promise store’s %s after storeTimeout, and not before',
      async (_, call) => {
        const calls = new StoreCalls(storeDoing(never), 2)
        let code: string | undefined
        void rejectionCode(call(calls, generateSessionId()) as Promise<unknown>).then((c) => {
          code = c
        })
        await vi.advanceTimersByTimeAsync(1_999)
        expect(code).toBeUndefined()
        await vi.advanceTimersByTimeAsync(1)
        expect(code).toBe('STORE_UNAVAILABLE')
      },
    )

    it('puts a face’s promise answer under the deadline too', async () => {
      const store = memoryStore()
      const face = store.maybeSync!
      vi.spyOn(face, 'get').mockImplementation(never)
      const answer = new StoreCalls(store, 1).get(generateSessionId())
      expect(answer).toBeInstanceOf(Promise)
      const code = rejectionCode(answer as Promise<unknown>)
      await vi.advanceTimersByTimeAsync(1_000)
      expect(await code).toBe('STORE_UNAVAILABLE')
    })

    it('takes a thenable from another promise library as an answer to wait for, under the deadline', async () => {
      const found = { record: record(), version: 3, expiresAt: 2_000 }
      // biome-ignore lint/suspicious/noThenProperty: a thenable is what this test is about
      const thenable = { then: (resolve: (value: unknown) => void) => resolve(found) }
      const store: SessionStore = { ...remoteStore(), get: () => thenable as never }
      const answer = new StoreCalls(store, 5).get(generateSessionId())
      expect(answer).toBeInstanceOf(Promise)
      expect(await answer).toEqual(found)
      // biome-ignore lint/suspicious/noThenProperty: a thenable is what this test is about
      const hung = { then: () => {} }
      const late = new StoreCalls({ ...remoteStore(), get: () => hung as never }, 1)
      const code = rejectionCode(late.get(generateSessionId()) as Promise<unknown>)
      await vi.advanceTimersByTimeAsync(1_000)
      expect(await code).toBe('STORE_UNAVAILABLE')
    })

    it('arms no timer for an answer the face gave at once', () => {
      const calls = new StoreCalls(memoryStore(), 5)
      calls.get(generateSessionId())
      expect(vi.getTimerCount()).toBe(0)
    })

    it.each(operations)(
      'throws STORE_UNAVAILABLE at once, the cause kept, when %s throws synchronously',
      (_, call) => {
        const cause = new Error('driver crashed')
        const calls = new StoreCalls(
          storeDoing(() => {
            throw cause
          }),
          5,
        )
        let error: unknown
        try {
          call(calls, generateSessionId())
        } catch (thrown) {
          error = thrown
        }
        expect(isCrumbsError(error) && error.code).toBe('STORE_UNAVAILABLE')
        expect((error as CrumbsError).cause).toBe(cause)
      },
    )

    it.each(operations)('rejects with STORE_UNAVAILABLE when %s rejects', async (_, call) => {
      const calls = new StoreCalls(
        storeDoing(() => Promise.reject(new Error('ECONNRESET'))),
        5,
      )
      const answer = call(calls, generateSessionId())
      expect(answer).toBeInstanceOf(Promise)
      expect(await rejectionCode(answer as Promise<unknown>)).toBe('STORE_UNAVAILABLE')
    })

    it('passes a store’s own CrumbsError through, thrown by a face and rejected by a promise', async () => {
      expect(codeOf(() => new StoreCalls(memoryStore(), 5).get('not-an-id'))).toBe(
        'INVALID_SESSION_ID',
      )
      const remote = new StoreCalls(remoteStore(), 5).get('not-an-id')
      expect(await rejectionCode(remote as Promise<unknown>)).toBe('INVALID_SESSION_ID')
    })

    it('puts deleteUserSessions under the deadline', async () => {
      const calls = new StoreCalls(storeDoing(never), 1)
      const code = rejectionCode(calls.deleteUserSessions('john'))
      await vi.advanceTimersByTimeAsync(1_000)
      expect(await code).toBe('STORE_UNAVAILABLE')
    })
  })

  describe('oneAtATime', () => {
    it('runs an uncontended write in the same tick, with nothing waited for', async () => {
      const calls = new StoreCalls(remoteStore(), 5)
      const id = generateSessionId()
      const write = vi.fn((_: Waited | undefined) => 'written')
      const running = calls.oneAtATime(id, write)
      expect(write).toHaveBeenCalledWith(undefined)
      expect(calls.busy(id)).toBe(true)
      await expect(running).resolves.toBe('written')
      expect(calls.busy(id)).toBe(false)
    })

    it('runs commits of one session in order, each once the one before settled', async () => {
      const calls = new StoreCalls(remoteStore(), 5)
      const id = generateSessionId()
      const order: string[] = []
      const first = deferred()
      const a = calls.oneAtATime(id, async () => {
        order.push('a starts')
        await first.promise
        order.push('a ends')
      })
      const b = calls.oneAtATime(id, () => {
        order.push('b starts')
      })
      const c = calls.oneAtATime(id, () => {
        order.push('c starts')
      })
      await Promise.resolve()
      expect(order).toEqual(['a starts'])
      first.resolve()
      await Promise.all([a, b, c])
      expect(order).toEqual(['a starts', 'a ends', 'b starts', 'c starts'])
    })

    it('lets commits of different sessions run side by side', () => {
      const calls = new StoreCalls(remoteStore(), 5)
      const started: string[] = []
      void calls.oneAtATime(generateSessionId(), () => {
        started.push('one')
        return never()
      })
      void calls.oneAtATime(generateSessionId(), () => {
        started.push('other')
      })
      expect(started).toEqual(['one', 'other'])
    })

    it('hands a write that waited what the one before wrote', async () => {
      vi.useFakeTimers({ now: 1_700_000_000_000 })
      const calls = new StoreCalls(remoteStore(), 5)
      const id = generateSessionId()
      const firstWrite = record({ n: 1 })
      const a = calls.oneAtATime(id, () => calls.set(id, firstWrite, { ttl: 60 }))
      const seen: Waited[] = []
      const b = calls.oneAtATime(id, (waited) => {
        seen.push(waited!)
        return calls.set(id, record({ n: 2 }), { ttl: 60, expectedVersion: 1 })
      })
      const c = calls.oneAtATime(id, (waited) => {
        seen.push(waited!)
      })
      await Promise.all([a, b, c])
      expect(seen).toEqual([
        { previous: { record: firstWrite, version: 1, expiresAt: 1_700_000_060 } },
        { previous: { record: record({ n: 2 }), version: 2, expiresAt: 1_700_000_060 } },
      ])
    })

    it('hands no previous write to a commit whose predecessor wrote nothing', async () => {
      const calls = new StoreCalls(remoteStore(), 5)
      const id = generateSessionId()
      const waited = vi.fn()
      const a = calls.oneAtATime(id, async () => {})
      const b = calls.oneAtATime(id, waited)
      await Promise.all([a, b])
      expect(waited).toHaveBeenCalledWith({ previous: undefined })
    })

    it('forgets the last write once no commit of the session is left', async () => {
      const calls = new StoreCalls(remoteStore(), 5)
      const id = generateSessionId()
      await calls.oneAtATime(id, () => calls.set(id, record(), { ttl: 60 }))
      const a = calls.oneAtATime(id, async () => {})
      const b = vi.fn()
      await Promise.all([a, calls.oneAtATime(id, b)])
      expect(b).toHaveBeenCalledWith({ previous: undefined })
    })

    it('hands on no write made outside a commit’s turn', async () => {
      const calls = new StoreCalls(remoteStore(), 5)
      const id = generateSessionId()
      await calls.set(id, record(), { ttl: 60 })
      const a = calls.oneAtATime(id, async () => {})
      const b = vi.fn()
      await Promise.all([a, calls.oneAtATime(id, b)])
      expect(b).toHaveBeenCalledWith({ previous: undefined })
    })

    it('rejects with a synchronous throw as it is, and releases the turn', async () => {
      const calls = new StoreCalls(remoteStore(), 5)
      const id = generateSessionId()
      const conflict = new CrumbsError('SESSION_CONFLICT', 'conflict')
      const failing = calls.oneAtATime(id, () => {
        throw conflict
      })
      const next = vi.fn(() => 'next')
      const queued = calls.oneAtATime(id, next)
      await expect(failing).rejects.toBe(conflict)
      await expect(queued).resolves.toBe('next')
      expect(next).toHaveBeenCalledWith({ previous: undefined })
      expect(calls.busy(id)).toBe(false)
      const after = vi.fn()
      await calls.oneAtATime(id, after)
      expect(after).toHaveBeenCalledWith(undefined)
    })

    it('releases the turn after a write that rejects', async () => {
      const calls = new StoreCalls(remoteStore(), 5)
      const id = generateSessionId()
      const failing = calls.oneAtATime(id, () => Promise.reject(new Error('down')))
      const queued = calls.oneAtATime(id, () => 'next')
      await expect(failing).rejects.toThrow()
      await expect(queued).resolves.toBe('next')
      expect(calls.busy(id)).toBe(false)
    })

    it('lets a waiting commit go ahead once the one before outlasts storeTimeout', async () => {
      vi.useFakeTimers()
      const calls = new StoreCalls(remoteStore(), 2)
      const id = generateSessionId()
      void calls.oneAtATime(id, never)
      const waiting = vi.fn()
      const queued = calls.oneAtATime(id, waiting)
      await vi.advanceTimersByTimeAsync(1_999)
      expect(waiting).not.toHaveBeenCalled()
      await vi.advanceTimersByTimeAsync(1)
      await queued
      expect(waiting).toHaveBeenCalledWith({ previous: undefined })
    })
  })
})
