import { CrumbsError, isCrumbsError } from '@crumbs/core'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { rejectionCode } from '../../test/harness/code-of.js'
import { StoreDeadlines } from './store-deadlines.js'

const never = () => new Promise<never>(() => {})

describe('StoreDeadlines', () => {
  beforeEach(() => {
    vi.useFakeTimers()
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it('passes a value through', async () => {
    await expect(new StoreDeadlines(5).run('get', async () => 42)).resolves.toBe(42)
  })

  it('turns a driver failure into STORE_UNAVAILABLE with the cause kept', async () => {
    const cause = new Error('ECONNREFUSED')
    const error = await new StoreDeadlines(5)
      .run('set', () => Promise.reject(cause))
      .catch((e: unknown) => e)
    expect(isCrumbsError(error) && error.code).toBe('STORE_UNAVAILABLE')
    expect((error as CrumbsError).cause).toBe(cause)
    expect((error as CrumbsError).details).toMatchObject({ operation: 'set' })
  })

  it('turns a synchronous throw into STORE_UNAVAILABLE', async () => {
    const call = () => {
      throw new Error('boom')
    }
    expect(await rejectionCode(new StoreDeadlines(5).run('get', call))).toBe('STORE_UNAVAILABLE')
  })

  it("keeps a store's own CrumbsError as it is", async () => {
    const own = new CrumbsError('INVALID_SESSION_ID', 'bad id')
    await expect(new StoreDeadlines(5).run('get', () => Promise.reject(own))).rejects.toBe(own)
  })

  it('gives up on a call that outlasts the timeout, and not before', async () => {
    const deadlines = new StoreDeadlines(2)
    const outcome = rejectionCode(deadlines.run('get', never))
    let settled = false
    void outcome.then(() => {
      settled = true
    })
    await vi.advanceTimersByTimeAsync(1999)
    expect(settled).toBe(false)
    await vi.advanceTimersByTimeAsync(1)
    expect(await outcome).toBe('STORE_UNAVAILABLE')
  })

  it('gives each call its own full timeout, whenever it started', async () => {
    const deadlines = new StoreDeadlines(2)
    const settledAt: Record<string, number> = {}
    const start = Date.now()
    const track = (name: string, promise: Promise<unknown>) =>
      promise.catch(() => {
        settledAt[name] = Date.now() - start
      })
    const first = track('first', deadlines.run('get', never))
    await vi.advanceTimersByTimeAsync(500)
    const second = track('second', deadlines.run('set', never))
    await vi.advanceTimersByTimeAsync(700)
    const third = track('third', deadlines.run('touch', never))
    await vi.advanceTimersByTimeAsync(5000)
    await Promise.all([first, second, third])
    expect(settledAt).toEqual({ first: 2000, second: 2500, third: 3200 })
  })

  it('leaves a call that settled in time alone when the timer fires', async () => {
    const deadlines = new StoreDeadlines(1)
    let finish!: (value: string) => void
    const quick = deadlines.run('get', () => new Promise<string>((r) => (finish = r)))
    const slow = rejectionCode(deadlines.run('set', never))
    finish('done')
    await expect(quick).resolves.toBe('done')
    await vi.advanceTimersByTimeAsync(1000)
    expect(await slow).toBe('STORE_UNAVAILABLE')
  })

  it('arms one timer for many calls, and none once nothing waits', async () => {
    const deadlines = new StoreDeadlines(5)
    const calls = Array.from({ length: 100 }, () => deadlines.run('get', async () => 1))
    expect(vi.getTimerCount()).toBe(1)
    await Promise.all(calls)
    await vi.advanceTimersByTimeAsync(5000)
    expect(vi.getTimerCount()).toBe(0)
  })

  it('hands back an answer that is already there as it is, with no timer', () => {
    const deadlines = new StoreDeadlines(5)
    const answer = { ok: true }
    expect(deadlines.settle('get', answer)).toBe(answer)
    expect(vi.getTimerCount()).toBe(0)
  })

  it('puts an answer that is a promise under the deadline', async () => {
    const outcome = new StoreDeadlines(1).settle('set', never())
    expect(outcome).toBeInstanceOf(Promise)
    const code = rejectionCode(outcome as Promise<unknown>)
    await vi.advanceTimersByTimeAsync(1000)
    expect(await code).toBe('STORE_UNAVAILABLE')
  })
})
