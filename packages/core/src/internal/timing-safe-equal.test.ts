import { describe, expect, it } from 'vitest'
import { timingSafeEqual } from './timing-safe-equal.js'

/** A string whose reads of code units are counted, to prove the comparison never stops early. */
function counted(text: string): { text: string; reads: () => number } {
  let reads = 0
  class Counted extends String {
    override charCodeAt(index: number): number {
      reads++
      return super.charCodeAt(index)
    }
  }
  return { text: new Counted(text) as unknown as string, reads: () => reads }
}

const MAC = 'x9Kq3vT0bR7mZ1pL8sW2yN5cF4hJ6gD0aE3uI7oP1tQ'

describe('timingSafeEqual', () => {
  it('answers equality of the text', () => {
    expect(timingSafeEqual(MAC, MAC.slice())).toBe(true)
    expect(timingSafeEqual(MAC, `${MAC.slice(0, -1)}R`)).toBe(false)
    expect(timingSafeEqual(MAC, `R${MAC.slice(1)}`)).toBe(false)
    expect(timingSafeEqual(MAC, MAC.slice(1))).toBe(false)
    expect(timingSafeEqual('', '')).toBe(true)
  })

  it.each([
    ['in the first character', `R${MAC.slice(1)}`],
    ['in the middle', `${MAC.slice(0, 20)}R${MAC.slice(21)}`],
    ['nowhere', MAC],
  ])('reads every character of both strings when they differ %s', (_, other) => {
    const a = counted(MAC)
    const b = counted(other)
    timingSafeEqual(a.text, b.text)
    expect([a.reads(), b.reads()]).toEqual([MAC.length, MAC.length])
  })
})
