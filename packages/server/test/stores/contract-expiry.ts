import { generateSessionId, type SessionStore } from '@crumbs/core'
import { beforeEach, describe, expect, it } from 'vitest'
import { nowSeconds, record } from './contract-helpers.js'
import type { StoreUnderTest } from './store-contract.js'

/** TTL expiry, touch, and the user index kept consistent with both. */
export function describeExpiryContract(current: () => StoreUnderTest): void {
  let s: StoreUnderTest
  let store: SessionStore
  beforeEach(() => {
    s = current()
    store = s.store
  })

  describe('expiry', () => {
    it('forgets a session once its TTL has passed, and a create-only write may then reuse the id', async () => {
      const id = generateSessionId()
      await store.set(id, record(), { ttl: 1 })
      expect(await store.get(id)).toBeDefined()
      await s.elapse(1.4)
      expect(await store.get(id)).toBeUndefined()
      expect(await store.set(id, record(), { ttl: 600, expectedVersion: 1 })).toEqual({
        ok: false,
        reason: 'conflict',
      })
      expect(await store.set(id, record(), { ttl: 600, expectedVersion: null })).toEqual({
        ok: true,
        version: 1,
      })
    })

    it('extends a session on touch without changing its data or version', async () => {
      const id = generateSessionId()
      await store.set(id, record(), { ttl: 1 })
      await store.set(id, record({ data: { username: 'jane' } }), { ttl: 1 })
      await store.touch(id, 600)
      await s.elapse(1.4)
      const stored = await store.get(id)
      expect(stored).toMatchObject({ version: 2, record: { data: { username: 'jane' } } })
      expect(stored?.expiresAt).toBeGreaterThanOrEqual(nowSeconds() + 597)
    })

    it('does not bring back or create a session on touch', async () => {
      const id = generateSessionId()
      await store.touch(id, 600)
      expect(await store.get(id)).toBeUndefined()
      await store.set(id, record(), { ttl: 1 })
      await s.elapse(1.4)
      await store.touch(id, 600)
      expect(await store.get(id)).toBeUndefined()
    })
  })

  describe('user index', () => {
    const sorted = (ids: string[]): string[] => [...ids].sort()

    it('lists and deletes every session of one user, and only theirs', async () => {
      const [a1, a2, b1, anonymous] = [
        generateSessionId(),
        generateSessionId(),
        generateSessionId(),
        generateSessionId(),
      ]
      await store.set(a1, record({ userId: 'alice' }), { ttl: 600 })
      await store.set(a2, record({ userId: 'alice' }), { ttl: 600, expectedVersion: null })
      await store.set(b1, record({ userId: 'bob' }), { ttl: 600 })
      await store.set(anonymous, record(), { ttl: 600 })
      expect(sorted(await store.listUserSessions('alice'))).toEqual(sorted([a1, a2]))
      expect(await store.listUserSessions('bob')).toEqual([b1])
      expect(await store.deleteUserSessions('alice')).toBe(2)
      expect(await store.get(a1)).toBeUndefined()
      expect(await store.get(a2)).toBeUndefined()
      expect(await store.listUserSessions('alice')).toEqual([])
      expect(await store.get(b1)).toBeDefined()
      expect(await store.get(anonymous)).toBeDefined()
      expect(await store.deleteUserSessions('alice')).toBe(0)
    })

    it('answers an unknown user with no sessions', async () => {
      expect(await store.listUserSessions('nobody')).toEqual([])
      expect(await store.deleteUserSessions('nobody')).toBe(0)
    })

    it('drops a deleted session from its user', async () => {
      const [one, two] = [generateSessionId(), generateSessionId()]
      await store.set(one, record({ userId: 'carol' }), { ttl: 600 })
      await store.set(two, record({ userId: 'carol' }), { ttl: 600 })
      await store.delete(one)
      expect(await store.listUserSessions('carol')).toEqual([two])
      expect(await store.deleteUserSessions('carol')).toBe(1)
    })

    it('moves a session to the user it is rewritten under, and out when it loses its user', async () => {
      const id = generateSessionId()
      await store.set(id, record({ userId: 'dave' }), { ttl: 600 })
      await store.set(id, record({ userId: 'erin' }), { ttl: 600, expectedVersion: 1 })
      expect(await store.listUserSessions('dave')).toEqual([])
      expect(await store.listUserSessions('erin')).toEqual([id])
      expect(await store.deleteUserSessions('dave')).toBe(0)
      expect(await store.get(id)).toBeDefined()
      await store.set(id, record(), { ttl: 600 })
      expect(await store.listUserSessions('erin')).toEqual([])
      expect(await store.deleteUserSessions('erin')).toBe(0)
      expect(await store.get(id)).toBeDefined()
    })

    it('leaves expired sessions out of the user index', async () => {
      const [short, long] = [generateSessionId(), generateSessionId()]
      await store.set(short, record({ userId: 'frank' }), { ttl: 1 })
      await store.set(long, record({ userId: 'frank' }), { ttl: 600 })
      await s.elapse(1.4)
      expect(await store.listUserSessions('frank')).toEqual([long])
      expect(await store.deleteUserSessions('frank')).toBe(1)
    })

    it('keeps a touched session in its user index past its first TTL', async () => {
      const id = generateSessionId()
      await store.set(id, record({ userId: 'grace' }), { ttl: 1 })
      await store.touch(id, 600)
      await s.elapse(1.4)
      expect(await store.listUserSessions('grace')).toEqual([id])
      expect(await store.deleteUserSessions('grace')).toBe(1)
      expect(await store.get(id)).toBeUndefined()
    })

    it('treats user ids as opaque strings', async () => {
      const id = generateSessionId()
      const userId = 'user:* {tag} 🙂 \u0000'
      await store.set(id, record({ userId }), { ttl: 600 })
      expect(await store.listUserSessions(userId)).toEqual([id])
      expect(await store.listUserSessions('user:*')).toEqual([])
      expect(await store.deleteUserSessions(userId)).toBe(1)
    })
  })
}
