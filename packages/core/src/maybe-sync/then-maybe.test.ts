import { describe, expect, it } from 'vitest'
import { thenMaybe } from './then-maybe.js'

describe('thenMaybe', () => {
  it('calls next in the same tick for a value', () => {
    const seen: number[] = []
    const result = thenMaybe(2, (n) => {
      seen.push(n)
      return n * 3
    })
    expect(result).toBe(6)
    expect(seen).toEqual([2])
  })

  it('chains on a promise and answers with a promise', async () => {
    const result = thenMaybe(Promise.resolve(2), (n) => n * 3)
    expect(result).toBeInstanceOf(Promise)
    await expect(result).resolves.toBe(6)
  })

  it('flattens a promise returned by next', async () => {
    await expect(thenMaybe(1, async (n) => n + 1)).resolves.toBe(2)
  })

  it('hands a rejection to recover, and only a rejection', async () => {
    const failed = thenMaybe(
      Promise.reject(new Error('down')),
      () => 'next',
      (error) => `recovered ${(error as Error).message}`,
    )
    await expect(failed).resolves.toBe('recovered down')
    const thrownByNext = thenMaybe(
      Promise.resolve(1),
      () => {
        throw new Error('from next')
      },
      () => 'recovered',
    )
    await expect(thrownByNext).rejects.toThrow('from next')
  })

  it('lets next throw synchronously for a value', () => {
    expect(() =>
      thenMaybe(1, () => {
        throw new Error('sync')
      }),
    ).toThrow('sync')
  })
})
