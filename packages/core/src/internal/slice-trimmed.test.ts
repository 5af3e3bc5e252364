import { describe, expect, it } from 'vitest'
import { sliceTrimmed } from './slice-trimmed.js'

describe('sliceTrimmed', () => {
  it.each([
    ['  a b  ', 'a b'],
    ['\t\ta\t', 'a'],
    [' \t ', ''],
    ['', ''],
    ['\u00a0a\n', '\u00a0a\n'],
  ])('trims only SP and HTAB from %j', (text, expected) => {
    expect(sliceTrimmed(text, 0, text.length)).toBe(expected)
  })

  it('trims within the given bounds', () => {
    expect(sliceTrimmed('x= v ;y', 2, 5)).toBe('v')
  })

  it('returns an empty string when start is past end', () => {
    expect(sliceTrimmed('abc', 3, 2)).toBe('')
  })
})
