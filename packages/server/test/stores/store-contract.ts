import type { SessionStore } from '@crumbs/core'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { describeExpiryContract } from './contract-expiry.js'
import { describeFailureContract } from './contract-failures.js'
import { describeMaybeSyncContract, throughMaybeSync } from './contract-maybe-sync.js'
import { describeRecordContract } from './contract-records.js'

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
  /**
   * Whether the store has a `maybeSync` face; the contract then runs through it as well, and
   * checks that the store really has one exactly when this says so.
   */
  maybeSync?: boolean
}

/**
 * The one contract every session store meets, registered as `describe` blocks. Each store's
 * own test file runs it with a {@link StoreTarget}. A store with an maybe-synchronous face runs it a
 * second time through that face alone.
 */
export function describeStoreContract(name: string, target: StoreTarget): void {
  const maybeSync = target.maybeSync === true
  describeContract(`store contract: ${name}`, target, (current) => {
    it(`${maybeSync ? 'has' : 'has no'} maybe-synchronous face`, () => {
      expect(current().store.maybeSync !== undefined).toBe(maybeSync)
    })
    if (maybeSync) describeMaybeSyncContract(current)
  })
  if (!maybeSync) return
  const face = async (open: () => Promise<StoreUnderTest>): Promise<StoreUnderTest> => {
    const opened = await open()
    return { ...opened, store: throughMaybeSync(opened.store) }
  }
  const openBroken = target.openBroken
  describeContract(`store contract: ${name}, through its maybe-synchronous face`, {
    open: () => face(target.open),
    ...(openBroken === undefined ? {} : { openBroken: () => face(openBroken) }),
  })
}

function describeContract(
  title: string,
  target: StoreTarget,
  more?: (current: () => StoreUnderTest) => void,
): void {
  describe(title, () => {
    let s: StoreUnderTest
    beforeEach(async () => {
      s = await target.open()
    })
    afterEach(async () => {
      await s.close()
    })
    const current = (): StoreUnderTest => s
    describeRecordContract(current)
    describeExpiryContract(current)
    describeFailureContract(current, target)
    more?.(current)
  })
}
