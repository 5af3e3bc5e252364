import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { dateCodec } from './date-codec.js'

describe('dateCodec', () => {
  it('round-trips every instant in years 0000–9999 to the millisecond', () => {
    const codec = dateCodec()
    const dates = fc.date({
      min: new Date('0000-01-01T00:00:00.000Z'),
      max: new Date('9999-12-31T23:59:59.999Z'),
      noInvalidDate: true,
    })
    fc.assert(
      fc.property(dates, (date) => {
        expect(codec.decode(codec.encode(date)!)?.getTime()).toBe(date.getTime())
      }),
    )
  })

  it.each([
    '2025-02-31T00:00:00.000Z',
    '2025-01-01T00:00:00Z',
    '2025-01-01T00:00:00.000+01:00',
    '2025-01-01',
    '1735689600',
    '',
  ])('reads %j as invalid', (text) => {
    expect(dateCodec().decode(text)).toBeUndefined()
  })

  it('refuses to write an invalid Date or a non-Date', () => {
    expect(dateCodec().encode(new Date(Number.NaN))).toBeUndefined()
    expect(dateCodec().encode('2025-01-01' as never)).toBeUndefined()
  })
})
