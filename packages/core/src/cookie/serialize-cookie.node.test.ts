import { runInNewContext } from 'node:vm'
import { describe, expect, it } from 'vitest'
import { serializeCookie } from './serialize-cookie.js'

describe('serializeCookie (Node only)', () => {
  it('accepts an expires Date from another realm', () => {
    const expires = runInNewContext('new Date(Date.UTC(2000, 0, 2, 3, 4, 5))') as Date
    expect(expires).not.toBeInstanceOf(Date)
    expect(serializeCookie('a', 'b', { expires })).toBe(
      'a=b; Expires=Sun, 02 Jan 2000 03:04:05 GMT',
    )
  })
})
