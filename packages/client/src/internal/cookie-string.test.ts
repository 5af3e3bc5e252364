import { describe, expect, it } from 'vitest'
import { cookieString } from './cookie-string.js'

describe('cookieString', () => {
  const expires = new Date('2030-01-01T00:00:00Z')

  it('defaults the path to / and writes every declared attribute', () => {
    expect(
      cookieString('a', 'x%20y', {
        domain: 'a.example',
        maxAge: 60,
        expires,
        secure: true,
        sameSite: 'none',
        partitioned: true,
        priority: 'high',
      }),
    ).toBe(
      'a=x%20y; Path=/; Domain=a.example; Max-Age=60; Expires=Tue, 01 Jan 2030 00:00:00 GMT; Secure; SameSite=none; Partitioned; Priority=high',
    )
  })

  it('leaves out what is not declared', () => {
    expect(cookieString('a', '1', { path: '/app', secure: false, partitioned: false })).toBe(
      'a=1; Path=/app',
    )
  })

  it('expires a removal at once, keeping what selects the cookie', () => {
    expect(
      cookieString('a', undefined, {
        path: '/app',
        domain: 'a.example',
        secure: true,
        partitioned: true,
        maxAge: 60,
        expires,
      }),
    ).toBe(
      'a=; Path=/app; Domain=a.example; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Secure; Partitioned',
    )
  })
})
