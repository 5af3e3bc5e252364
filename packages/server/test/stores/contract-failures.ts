import { generateSessionId, isCrumbsError, type SessionStore } from '@crumbs/core'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { BAD_IDS, code, idCalls } from './contract-helpers.js'
import type { StoreTarget, StoreUnderTest } from './store-contract.js'

/** Invalid ids are refused before any I/O; a backend failure is STORE_UNAVAILABLE. */
export function describeFailureContract(current: () => StoreUnderTest, target: StoreTarget): void {
  let store: SessionStore
  beforeEach(() => {
    store = current().store
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
}
