import { generateSessionId, isCrumbsError, type SessionStore } from '@crumbs/core'
import { beforeEach, describe, expect, it } from 'vitest'
import { BAD_IDS, record } from './contract-helpers.js'
import type { StoreUnderTest } from './store-contract.js'

/**
 * The store seen through its maybe-synchronous face only, as an ordinary store, so that the whole
 * contract runs on that face too.
 */
export function throughMaybeSync(store: SessionStore): SessionStore {
  const { maybeSync, ...promises } = store
  const face = maybeSync!
  return {
    ...promises,
    get: async (id) => face.get(id),
    set: async (id, written, options) => face.set(id, written, options),
    touch: async (id, ttl) => face.touch(id, ttl),
    delete: async (id) => face.delete(id),
  }
}

const isPromise = (value: unknown): boolean => value instanceof Promise

/** What the maybe-synchronous face promises beyond the contract: answers without a promise, throws at once. */
export function describeMaybeSyncContract(current: () => StoreUnderTest): void {
  let store: SessionStore
  beforeEach(async () => {
    store = current().store
    // A store that opens its backend on first use answers at once from then on.
    await store.get(generateSessionId())
  })

  describe('its maybe-synchronous face', () => {
    it('names the store itself as its owner', () => {
      expect(store.maybeSync!.owner).toBe(store)
    })

    it('answers get, set, touch and delete without a promise', () => {
      const face = store.maybeSync!
      const id = generateSessionId()
      const written = face.set(id, record(), { ttl: 60 })
      expect(isPromise(written)).toBe(false)
      expect(written).toEqual({ ok: true, version: 1 })
      const read = face.get(id)
      expect(isPromise(read)).toBe(false)
      expect(read).toMatchObject({ record: record(), version: 1 })
      expect(isPromise(face.touch(id, 120))).toBe(false)
      expect(isPromise(face.delete(id))).toBe(false)
      expect(face.get(id)).toBeUndefined()
    })

    it('sees what the promise methods wrote, and they see what it wrote', async () => {
      const face = store.maybeSync!
      const id = generateSessionId()
      await store.set(id, record({ data: { by: 'promise' } }), { ttl: 60 })
      expect(face.get(id)).toMatchObject({ record: { data: { by: 'promise' } }, version: 1 })
      expect(
        face.set(id, record({ data: { by: 'face' } }), { ttl: 60, expectedVersion: 1 }),
      ).toEqual({
        ok: true,
        version: 2,
      })
      expect((await store.get(id))?.record.data).toEqual({ by: 'face' })
      expect(face.set(id, record(), { ttl: 60, expectedVersion: 1 })).toEqual({
        ok: false,
        reason: 'conflict',
      })
    })

    it.each(BAD_IDS)('throws INVALID_SESSION_ID at once for an id with %s', (_, id) => {
      const face = store.maybeSync!
      const calls = [
        () => face.get(id as string),
        () => face.set(id as string, record(), { ttl: 60 }),
        () => face.touch(id as string, 60),
        () => face.delete(id as string),
      ]
      for (const call of calls) {
        let thrown: unknown
        try {
          call()
        } catch (error) {
          thrown = error
        }
        expect(isCrumbsError(thrown, 'INVALID_SESSION_ID')).toBe(true)
      }
    })
  })
}
