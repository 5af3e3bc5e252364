import { generateSessionId, type SessionStore } from '@crumbs/core'
import fc from 'fast-check'
import { beforeEach, describe, expect, it } from 'vitest'
import { code, nowSeconds, record } from './contract-helpers.js'
import type { StoreUnderTest } from './store-contract.js'

/** Reads, writes, deletes and versioned writes. */
export function describeRecordContract(current: () => StoreUnderTest): void {
  let store: SessionStore
  beforeEach(() => {
    store = current().store
  })

  describe('reads and writes', () => {
    it('returns undefined for an id it does not know', async () => {
      expect(await store.get(generateSessionId())).toBeUndefined()
    })

    it('returns the record it stored, with version 1 and its expiry in seconds', async () => {
      const id = generateSessionId()
      const before = nowSeconds()
      const written = record()
      expect(await store.set(id, written, { ttl: 600 })).toEqual({ ok: true, version: 1 })
      const stored = await store.get(id)
      expect(stored?.record).toEqual(written)
      expect(stored?.version).toBe(1)
      expect(stored?.expiresAt).toBeGreaterThanOrEqual(before + 599)
      expect(stored?.expiresAt).toBeLessThanOrEqual(nowSeconds() + 600)
    })

    it('round-trips unicode, nested data, flashes, the CSRF token, permanence and the user id', async () => {
      const id = generateSessionId()
      const rich = record({
        data: {
          name: 'Zoë 東京 🍪 שלום',
          controls: 'tab\tnewline\nnul\u0000end',
          lone: '\ud800',
          nested: {
            cart: [{ sku: 'A-1', qty: 2, price: 9.99 }],
            empty: {},
            none: null,
            yes: true,
          },
          '': 'empty key',
          ...JSON.parse('{"__proto__": "an ordinary key"}'),
        },
        permanent: true,
        userId: 'user:42 ✓',
        flashes: [
          { category: 'message', message: 'Welcome back 👋' },
          { category: 'error', message: '<b>escaped?</b>' },
        ],
        csrf: 'x'.repeat(43),
      })
      await store.set(id, rich, { ttl: 600 })
      expect((await store.get(id))?.record).toEqual(JSON.parse(JSON.stringify(rich)))
    })

    it('round-trips any JSON data', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 3 })),
          async (data) => {
            const id = generateSessionId()
            const written = record({ data })
            await store.set(id, written, { ttl: 600 })
            expect((await store.get(id))?.record).toEqual(JSON.parse(JSON.stringify(written)))
          },
        ),
        { numRuns: 25 },
      )
    })

    it('gives callers copies: changing a record after set or get does not change the store', async () => {
      const id = generateSessionId()
      const written = record({ data: { list: [1] } })
      await store.set(id, written, { ttl: 600 })
      ;(written.data.list as number[]).push(2)
      ;((await store.get(id))!.record.data.list as number[]).push(3)
      expect((await store.get(id))?.record.data).toEqual({ list: [1] })
    })

    it('deletes, and deleting an unknown id is not an error', async () => {
      const id = generateSessionId()
      await store.set(id, record(), { ttl: 600 })
      await store.delete(id)
      expect(await store.get(id)).toBeUndefined()
      await expect(store.delete(generateSessionId())).resolves.toBeUndefined()
    })

    it('rejects a TTL that is not a positive number with INVALID_OPTION', async () => {
      const id = generateSessionId()
      for (const ttl of [0, -1, Number.NaN, Number.POSITIVE_INFINITY, '60' as unknown as number]) {
        expect(await code(store.set(id, record(), { ttl }))).toBe('INVALID_OPTION')
        expect(await code(store.touch(id, ttl))).toBe('INVALID_OPTION')
      }
      expect(await store.get(id)).toBeUndefined()
    })
  })

  describe('versioned writes', () => {
    it('counts the version up with every unconditional write', async () => {
      const id = generateSessionId()
      for (const version of [1, 2, 3]) {
        expect(await store.set(id, record(), { ttl: 600 })).toEqual({ ok: true, version })
      }
      expect((await store.get(id))?.version).toBe(3)
    })

    it('creates only when absent when expectedVersion is null', async () => {
      const id = generateSessionId()
      expect(await store.set(id, record(), { ttl: 600, expectedVersion: null })).toEqual({
        ok: true,
        version: 1,
      })
      const second = record({ data: { username: 'mallory' } })
      expect(await store.set(id, second, { ttl: 600, expectedVersion: null })).toEqual({
        ok: false,
        reason: 'conflict',
      })
      expect((await store.get(id))?.record.data).toEqual({ username: 'john' })
    })

    it('refuses a stale version and leaves the record as it was', async () => {
      const id = generateSessionId()
      await store.set(id, record(), { ttl: 600 })
      await store.set(id, record({ data: { username: 'jane' } }), { ttl: 600 })
      const stale = await store.set(id, record({ data: { username: 'stale' } }), {
        ttl: 600,
        expectedVersion: 1,
      })
      expect(stale).toEqual({ ok: false, reason: 'conflict' })
      expect(await store.get(id)).toMatchObject({
        version: 2,
        record: { data: { username: 'jane' } },
      })
    })

    it('writes when the expected version is current, returning it plus one', async () => {
      const id = generateSessionId()
      await store.set(id, record(), { ttl: 600, expectedVersion: null })
      const next = record({ data: { username: 'jane' } })
      expect(await store.set(id, next, { ttl: 600, expectedVersion: 1 })).toEqual({
        ok: true,
        version: 2,
      })
      expect(await store.get(id)).toMatchObject({
        version: 2,
        record: { data: { username: 'jane' } },
      })
    })

    it('refuses an expected version for an id it does not know', async () => {
      const id = generateSessionId()
      expect(await store.set(id, record(), { ttl: 600, expectedVersion: 1 })).toEqual({
        ok: false,
        reason: 'conflict',
      })
      expect(await store.get(id)).toBeUndefined()
    })

    it('lets exactly one of 20 concurrent writes on one version win', async () => {
      const id = generateSessionId()
      await store.set(id, record(), { ttl: 600 })
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          store.set(id, record({ data: { writer: i } }), { ttl: 600, expectedVersion: 1 }),
        ),
      )
      const winners = results.flatMap((result, i) => (result.ok ? [i] : []))
      expect(winners).toHaveLength(1)
      expect(await store.get(id)).toMatchObject({
        version: 2,
        record: { data: { writer: winners[0] } },
      })
    })
  })
}
