import type { SessionStore } from '@crumbs/core'
import { afterEach, beforeEach, describe } from 'vitest'
import { describeExpiryContract } from './contract-expiry.js'
import { describeFailureContract } from './contract-failures.js'
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
}

/**
 * The one contract every session store meets, registered as `describe` blocks. Each store's
 * own test file runs it with a {@link StoreTarget}.
 */
export function describeStoreContract(name: string, target: StoreTarget): void {
  describe(`store contract: ${name}`, () => {
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
  })
}
