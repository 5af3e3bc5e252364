import { describe, expect, it } from 'vitest'
import { createConcurrencyLimit } from './concurrency-limit.js'

/** A task that runs until `finish()` is called, counting how many run at once. */
function gate() {
  let active = 0
  let peak = 0
  const pending: (() => void)[] = []
  return {
    task: () => {
      active++
      peak = Math.max(peak, active)
      return new Promise<number>((resolve) =>
        pending.push(() => {
          active--
          resolve(peak)
        }),
      )
    },
    started: () => pending.length,
    finishOne: () => pending.shift()?.(),
    peak: () => peak,
  }
}

const tick = () => new Promise((resolve) => setImmediate(resolve))

describe('createConcurrencyLimit', () => {
  it('runs at most `running` at once and refuses beyond `waiting`', async () => {
    const limit = createConcurrencyLimit({ running: 2, waiting: 3 })
    const g = gate()
    const results = Array.from({ length: 8 }, () => limit.tryRun(g.task))
    await tick()
    expect(g.started()).toBe(2)
    const refused = await Promise.all(results.slice(5))
    expect(refused).toEqual([{ ran: false }, { ran: false }, { ran: false }])
    while (g.started() > 0) {
      g.finishOne()
      await tick()
    }
    expect((await Promise.all(results.slice(0, 5))).every((r) => r.ran)).toBe(true)
    expect(g.peak()).toBe(2)
  })

  it('hands turns out in arrival order and frees them after a failure', async () => {
    const limit = createConcurrencyLimit({ running: 1, waiting: 5 })
    const order: number[] = []
    const failing = limit.tryRun(async () => {
      throw new Error('boom')
    })
    const rest = [1, 2, 3].map((n) => limit.tryRun(async () => order.push(n)))
    await expect(failing).rejects.toThrow('boom')
    await Promise.all(rest)
    expect(order).toEqual([1, 2, 3])
    expect(await limit.tryRun(async () => 'free again')).toEqual({ ran: true, value: 'free again' })
  })

  it.each([
    [{ running: 0, waiting: 1 }],
    [{ running: 1.5, waiting: 1 }],
    [{ running: 1, waiting: -1 }],
  ])('refuses impossible bounds %j', (bounds) => {
    expect(() => createConcurrencyLimit(bounds)).toThrow(RangeError)
  })
})
