import {
  generateSessionId,
  isCrumbsError,
  type SessionRecord,
  type SessionStore,
} from '@crumbs/core'
import fc from 'fast-check'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'

/** One store as the contract drives it. */
export interface StoreUnderTest {
  readonly store: SessionStore
  /** Lets `seconds` pass as the store sees time: a fake clock, or real waiting for Redis. */
  elapse(seconds: number): Promise<void>
  close(): Promise<void>
}

/** How the contract gets a fresh, empty store for each test. */
export interface StoreTarget {
  open(): Promise<StoreUnderTest>
  /** A store whose backend is down; stores without a backend (memory) leave it out. */
  openBroken?(): Promise<StoreUnderTest>
}

const nowSeconds = (): number => Math.floor(Date.now() / 1000)

function record(overrides: Partial<SessionRecord> = {}): SessionRecord {
  const now = nowSeconds()
  return {
    data: { username: 'john' },
    createdAt: now,
    touchedAt: now,
    permanent: false,
    ...overrides,
  }
}

const code = async (promise: Promise<unknown>): Promise<string> => {
  try {
    await promise
  } catch (error) {
    return isCrumbsError(error) ? error.code : `not a CrumbsError: ${String(error)}`
  }
  return 'resolved'
}

const BAD_IDS: readonly [string, unknown][] = [
  ['empty', ''],
  ['too short', 'abc'],
  ['42 characters', 'a'.repeat(42)],
  ['44 characters', 'a'.repeat(44)],
  ['a slash', `${'a'.repeat(42)}/`],
  ['a plus', `${'a'.repeat(42)}+`],
  ['padding', `${'a'.repeat(42)}=`],
  ['a key separator', `${'a'.repeat(42)}:`],
  ['a wildcard', `${'a'.repeat(42)}*`],
  ['non-ASCII', `${'a'.repeat(42)}é`],
  ['a number', 42],
  ['null', null],
  ['undefined', undefined],
]

/** Every method that takes an id, called with `id`. */
const idCalls = (store: SessionStore, id: string): [string, () => Promise<unknown>][] => [
  ['get', () => store.get(id)],
  ['set', () => store.set(id, record(), { ttl: 60 })],
  ['touch', () => store.touch(id, 60)],
  ['delete', () => store.delete(id)],
]

/**
 * The one contract every session store meets, registered as `describe` blocks. Each store's
 * own test file runs it with a {@link StoreTarget}.
 */
export function describeStoreContract(name: string, target: StoreTarget): void {
  describe(`store contract: ${name}`, () => {
    let s: StoreUnderTest
    let store: SessionStore

    beforeEach(async () => {
      s = await target.open()
      store = s.store
    })
    afterEach(async () => {
      await s.close()
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
        for (const ttl of [
          0,
          -1,
          Number.NaN,
          Number.POSITIVE_INFINITY,
          '60' as unknown as number,
        ]) {
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

    describe('expiry', () => {
      it('forgets a session once its TTL has passed, and a create-only write may then reuse the id', async () => {
        const id = generateSessionId()
        await store.set(id, record(), { ttl: 1 })
        await s.elapse(0.4)
        expect(await store.get(id)).toBeDefined()
        await s.elapse(1)
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

    describe('ids', () => {
      it.each(BAD_IDS)(
        'rejects an id with %s with INVALID_SESSION_ID in every method',
        async (_, id) => {
          for (const [method, call] of idCalls(store, id as string)) {
            expect([method, await code(call())]).toEqual([method, 'INVALID_SESSION_ID'])
          }
        },
      )
    })

    if (target.openBroken !== undefined) {
      const openBroken = target.openBroken
      describe('with its backend down', () => {
        let broken: StoreUnderTest
        beforeEach(async () => {
          broken = await openBroken()
        })
        afterEach(async () => {
          await broken.close()
        })

        it('still rejects an invalid id with INVALID_SESSION_ID, before any I/O', async () => {
          for (const [method, call] of idCalls(broken.store, 'not-an-id')) {
            expect([method, await code(call())]).toEqual([method, 'INVALID_SESSION_ID'])
          }
        })

        it('rejects every call with STORE_UNAVAILABLE and the driver error as cause', async () => {
          const id = generateSessionId()
          const calls: [string, () => Promise<unknown>][] = [
            ...idCalls(broken.store, id),
            ['listUserSessions', () => broken.store.listUserSessions('alice')],
            ['deleteUserSessions', () => broken.store.deleteUserSessions('alice')],
          ]
          for (const [method, call] of calls) {
            const error = await call().then(
              () => undefined,
              (e: unknown) => e,
            )
            expect([method, isCrumbsError(error, 'STORE_UNAVAILABLE')]).toEqual([method, true])
            expect((error as Error).cause).toBeDefined()
          }
        })
      })
    }
  })
}
