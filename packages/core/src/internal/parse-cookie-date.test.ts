import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parseCookieDate } from './parse-cookie-date.js'

const at = (iso: string): number => Date.parse(iso)

describe('parseCookieDate', () => {
  it.each([
    ['Wed, 21 Oct 2015 07:28:00 GMT', '2015-10-21T07:28:00Z'],
    ['Wednesday, 21-Oct-15 07:28:00 GMT', '2015-10-21T07:28:00Z'],
    ['Wed Oct 21 07:28:00 2015', '2015-10-21T07:28:00Z'],
    ['21 oct 2015 7:8:9', '2015-10-21T07:08:09Z'],
    ['2015 OCTOBER 21 07:28:00', '2015-10-21T07:28:00Z'],
    ['Thu, 01 Jan 1970 00:00:00 GMT', '1970-01-01T00:00:00Z'],
    ['Sat, 01 Jan 1601 00:00:00 GMT', '1601-01-01T00:00:00Z'],
    ['Fri, 31 Dec 9999 23:59:59 GMT', '9999-12-31T23:59:59Z'],
    ['Tue, 29 Feb 2028 12:00:00 GMT', '2028-02-29T12:00:00Z'],
    ['01-Jan-70 00:00:00', '1970-01-01T00:00:00Z'],
    ['01-Jan-69 00:00:00', '2069-01-01T00:00:00Z'],
    ['01-Jan-00 00:00:00', '2000-01-01T00:00:00Z'],
    ['Sat, 01 Jan 0050 00:00:00 GMT', '2050-01-01T00:00:00Z'],
    ['21 Oct 2015 07:28:00 +0200', '2015-10-21T07:28:00Z'],
    ['21st Oct 2015 07:28:00am', '2015-10-21T07:28:00Z'],
  ])('reads %j', (text, iso) => {
    expect(parseCookieDate(text)?.getTime()).toBe(at(iso))
  })

  it.each([
    ['', 'nothing'],
    ['Wed, 21 Oct 2015 GMT', 'no time'],
    ['Wed, Oct 2015 07:28:00 GMT', 'no day'],
    ['Wed, 21 2015 07:28:00 GMT', 'no month'],
    ['Wed, 21 Oct 07:28:00 GMT', 'no year'],
    ['Sun, 31 Dec 1600 23:59:59 GMT', 'a year before 1601'],
    ['Wed, 32 Oct 2015 07:28:00 GMT', 'day 32'],
    ['Wed, 00 Oct 2015 07:28:00 GMT', 'day 0'],
    ['Wed, 21 Oct 2015 24:00:00 GMT', 'hour 24'],
    ['Wed, 21 Oct 2015 07:60:00 GMT', 'minute 60'],
    ['Wed, 21 Oct 2015 07:28:60 GMT', 'second 60'],
    ['Mon, 30 Feb 2015 07:28:00 GMT', '30 February'],
    ['Sun, 29 Feb 2015 07:28:00 GMT', '29 February of a common year'],
    ['Wed, 21 Oct 12345 07:28:00 GMT', 'a five-digit year'],
    ['Wed, 21 Oct 2015 007:28:00 GMT', 'a three-digit hour'],
  ])('rejects %j (%s)', (text) => {
    expect(parseCookieDate(text)).toBeUndefined()
  })

  it('reads back what Date#toUTCString writes, to the second', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1601, 0, 1), max: Date.UTC(9999, 11, 31) }), (ms) => {
        const date = new Date(ms)
        expect(parseCookieDate(date.toUTCString())?.getTime()).toBe(Math.floor(ms / 1000) * 1000)
      }),
    )
  })

  it('reads an IMF-fixdate on its fast path as the general algorithm does', () => {
    const two = fc.integer({ min: 0, max: 99 }).map((n) => `${n}`.padStart(2, '0'))
    const fixdate = fc
      .tuple(
        fc.constantFrom('Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'),
        two,
        fc.constantFrom(
          'Jan',
          'Feb',
          'Mar',
          'Apr',
          'May',
          'Jun',
          'Jul',
          'Aug',
          'Sep',
          'Oct',
          'Nov',
          'Dec',
        ),
        fc.integer({ min: 0, max: 9999 }).map((n) => `${n}`.padStart(4, '0')),
        two,
        two,
        two,
      )
      .map(([name, d, mon, y, h, m, s]) => `${name}, ${d} ${mon} ${y} ${h}:${m}:${s} GMT`)
    fc.assert(
      fc.property(fixdate, (text) => {
        // A leading space misses the fast path and takes the general one.
        expect(parseCookieDate(text)?.getTime()).toBe(parseCookieDate(` ${text}`)?.getTime())
      }),
      { numRuns: 2_000 },
    )
  })

  it('never throws', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const date = parseCookieDate(text)
        expect(date === undefined || Number.isFinite(date.getTime())).toBe(true)
      }),
    )
  })
})
