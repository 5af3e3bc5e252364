import { describe, expect, it } from 'vitest'
import { toJsCookieAttributes } from './to-js-cookie-attributes.js'

describe('toJsCookieAttributes', () => {
  const expires = new Date('2030-01-01T00:00:00Z')

  it('defaults the path to / and writes the lifetime as strings js-cookie can split', () => {
    expect(
      toJsCookieAttributes({ maxAge: 60, expires, sameSite: 'lax', priority: 'high' }, false),
    ).toEqual({ path: '/', 'max-age': '60', expires, sameSite: 'Lax', priority: 'High' })
  })

  it('leaves the lifetime out of a removal, keeping what selects the cookie', () => {
    expect(
      toJsCookieAttributes(
        { path: '/app', domain: 'a.example', secure: true, partitioned: true, maxAge: 60 },
        true,
      ),
    ).toEqual({
      path: '/app',
      domain: 'a.example',
      secure: true,
      partitioned: true,
      sameSite: undefined,
      priority: undefined,
    })
  })
})
