import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { compareCodePoints } from './compare-code-points.js'

const sign = (n: number) => Math.sign(n)

// A slow but obvious model: compare arrays of code points.
function model(a: string, b: string): number {
  const x = Array.from(a, (c) => c.codePointAt(0)!)
  const y = Array.from(b, (c) => c.codePointAt(0)!)
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    if (x[i] !== y[i]) return x[i]! - y[i]!
  }
  return x.length - y.length
}

describe('compareCodePoints', () => {
  it.each([
    ['a', 'b', -1],
    ['b', 'a', 1],
    ['a', 'a', 0],
    ['', 'a', -1],
    ['a', 'aa', -1],
    ['B', 'a', -1],
    ['\ue000', '😀', -1],
    ['😀', '\ufffd', 1],
    ['\ud800', '\ue000', -1],
  ])('orders %j against %j as Python does', (a, b, expected) => {
    expect(sign(compareCodePoints(a, b))).toBe(expected)
  })

  it('sorts keys as Python sorted() does, unlike the default sort', () => {
    const keys = ['😀', 'a', '\ue000', 'é']
    expect([...keys].sort(compareCodePoints)).toEqual(['a', 'é', '\ue000', '😀'])
    expect([...keys].sort()).toEqual(['a', 'é', '😀', '\ue000'])
  })

  it('agrees with a code-point model on arbitrary strings', () => {
    // Units chosen to straddle the surrogate range, plus arbitrary code points.
    const tricky = fc.constantFrom('a', 'é', '\ud7ff', '\ud800', '\udc00', '\ue000', '\uffff', '😀')
    const text = fc.oneof(fc.string({ unit: tricky }), fc.string({ unit: 'binary' }))
    fc.assert(
      fc.property(text, text, (a, b) => {
        expect(sign(compareCodePoints(a, b))).toBe(sign(model(a, b)))
      }),
    )
  })
})
