import { describe, expect, it } from 'vitest'
import { formatHttpDate, parseHttpDate } from './http-date.js'

describe('formatHttpDate', () => {
  it.each([
    ['2024-02-29T23:59:58.999Z', 'Thu, 29 Feb 2024 23:59:58 GMT'],
    ['1970-01-01T00:00:00Z', 'Thu, 01 Jan 1970 00:00:00 GMT'],
    ['0999-03-04T05:06:07Z', 'Mon, 04 Mar 0999 05:06:07 GMT'],
  ])('writes %s as Werkzeug http_date does: %s', (iso, text) => {
    expect(formatHttpDate(new Date(iso))).toBe(text)
  })

  it.each([
    ['year 0', new Date('0000-06-01T00:00:00Z')],
    ['year 10000', new Date('+010000-01-01T00:00:00Z')],
  ])('refuses %s, which a Python datetime cannot hold', (_, date) => {
    expect(formatHttpDate(date)).toBeUndefined()
  })
})

describe('parseHttpDate', () => {
  it.each([
    ['Thu, 29 Feb 2024 23:59:58 GMT', '2024-02-29T23:59:58.000Z'],
    ['29 Feb 2024 23:59:58 GMT', '2024-02-29T23:59:58.000Z'],
    ['Thu, 29 feb 2024 23:59 UTC', '2024-02-29T23:59:00.000Z'],
    ['Fri, 01 Mar 2024 01:00:00 +0100', '2024-03-01T00:00:00.000Z'],
    ['Thu, 29 Feb 2024 20:00:00 -0330', '2024-02-29T23:30:00.000Z'],
    ['Mon, 04 Mar 0999 05:06:07 GMT', '0999-03-04T05:06:07.000Z'],
  ])('reads %s', (text, iso) => {
    expect(parseHttpDate(text)?.toISOString()).toBe(iso)
  })

  it.each([
    'not a date',
    'Thu, 30 Feb 2024 00:00:00 GMT',
    'Thu, 29 Feb 2023 00:00:00 GMT',
    'Thu, 01 Foo 2024 00:00:00 GMT',
    'Thu, 01 Jan 2024 24:00:00 GMT',
    'Thu, 01 Jan 2024 00:00:60 GMT',
    '2024-01-01T00:00:00Z',
  ])('gives null for %s, as Werkzeug parse_date gives None', (text) => {
    expect(parseHttpDate(text)).toBeNull()
  })
})
