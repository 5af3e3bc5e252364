import type { SessionRecord, SessionStore } from '@crumbs/core'

export const nowSeconds = (): number => Math.floor(Date.now() / 1000)

export function record(overrides: Partial<SessionRecord> = {}): SessionRecord {
  const now = nowSeconds()
  return {
    data: { username: 'john' },
    createdAt: now,
    touchedAt: now,
    permanent: false,
    ...overrides,
  }
}

/** The code a store call rejects with: every contract check is on codes. */
export { rejectionCode as code } from '../harness/code-of.js'

export const BAD_IDS: readonly [string, unknown][] = [
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
export const idCalls = (store: SessionStore, id: string): [string, () => Promise<unknown>][] => [
  ['get', () => store.get(id)],
  ['set', () => store.set(id, record(), { ttl: 60 })],
  ['touch', () => store.touch(id, 60)],
  ['delete', () => store.delete(id)],
]
