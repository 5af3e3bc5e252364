import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { formatHttpDate } from './format-http-date.js'

// The whole range of an ECMAScript time value (ECMA-262 §21.4.1.1): ±100,000,000 days.
const MAX_TIME = 8.64e15

describe('formatHttpDate', () => {
  it.each([
    ['1970-01-01T00:00:00.000Z', 'Thu, 01 Jan 1970 00:00:00 GMT'],
    ['1994-11-06T08:49:37.000Z', 'Sun, 06 Nov 1994 08:49:37 GMT'],
    ['1969-12-31T23:59:59.999Z', 'Wed, 31 Dec 1969 23:59:59 GMT'],
    ['1601-01-01T00:00:00.000Z', 'Mon, 01 Jan 1601 00:00:00 GMT'],
    ['2000-02-29T12:00:00.000Z', 'Tue, 29 Feb 2000 12:00:00 GMT'],
    ['2100-03-01T00:00:00.000Z', 'Mon, 01 Mar 2100 00:00:00 GMT'],
    ['9999-12-31T23:59:59.999Z', 'Fri, 31 Dec 9999 23:59:59 GMT'],
    ['0000-01-01T00:00:00.000Z', 'Sat, 01 Jan 0000 00:00:00 GMT'],
  ])('writes %s as %s', (iso, text) => {
    expect(formatHttpDate(Date.parse(iso))).toBe(text)
  })

  it('writes what toUTCString writes, over the whole Date range', () => {
    fc.assert(
      fc.property(fc.integer({ min: -MAX_TIME, max: MAX_TIME }), (time) => {
        expect(formatHttpDate(time)).toBe(new Date(time).toUTCString())
      }),
      { numRuns: 20_000 },
    )
  })

  it('writes what toUTCString writes, from 1601 to 9999 to the second', () => {
    const from = Date.UTC(1601, 0, 1)
    const to = Date.UTC(9999, 11, 31, 23, 59, 59, 999)
    fc.assert(
      fc.property(fc.integer({ min: from, max: to }), (time) => {
        expect(formatHttpDate(time)).toBe(new Date(time).toUTCString())
      }),
      { numRuns: 20_000 },
    )
  })

  it('writes what toUTCString writes on every day boundary of a 400-year cycle', () => {
    const start = Date.UTC(2000, 0, 1)
    const mismatches: number[] = []
    for (let day = -1; day <= 146_097; day++) {
      for (const time of [start + day * 86_400_000, start + day * 86_400_000 - 1]) {
        if (formatHttpDate(time) !== new Date(time).toUTCString()) mismatches.push(time)
      }
    }
    expect(mismatches).toEqual([])
  })
})
