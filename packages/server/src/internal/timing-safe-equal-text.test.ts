import { describe, expect, it } from 'vitest'
import { timingSafeEqualText } from './timing-safe-equal-text.js'

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

const TOKEN = 'x9Kq3vT0bR7mZ1pL8sW2yN5cF4hJ6gD0aE3uI7oP1tQ'

describe('timingSafeEqualText', () => {
  it('answers equality of the text', () => {
    expect(timingSafeEqualText(TOKEN, TOKEN.slice())).toBe(true)
    expect(timingSafeEqualText(TOKEN, `${TOKEN.slice(0, -1)}R`)).toBe(false)
    expect(timingSafeEqualText(TOKEN, TOKEN.slice(1))).toBe(false)
  })

  it.each([
    ['in the first character', `R${TOKEN.slice(1)}`],
    ['in the last', `${TOKEN.slice(0, -1)}R`],
    ['nowhere', TOKEN],
  ])('reads every character of both strings when they differ %s', (_, other) => {
    const a = counted(TOKEN)
    const b = counted(other)
    timingSafeEqualText(a.text, b.text)
    expect([a.reads(), b.reads()]).toEqual([TOKEN.length, TOKEN.length])
  })
})
