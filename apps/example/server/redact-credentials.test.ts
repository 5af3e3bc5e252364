import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createRedact } from './redact-credentials.js'

describe('createRedact', () => {
  const redact = createRedact([])

  it.each([
    ['redis://:hunter2@cache:6379', 'redis://***@cache:6379'],
    ['rediss://default:hunter2@cache:6380/0', 'rediss://***@cache:6380/0'],
    [
      'postgres://app:s3cret@db.internal/app?sslmode=require',
      'postgres://***@db.internal/app?sslmode=require',
    ],
    ['a raw @ in it: redis://u:p@ss@cache/1 failed', 'a raw @ in it: redis://***@cache/1 failed'],
    [
      'two: redis://a:b@one and postgresql://c:d@two/x',
      'two: redis://***@one and postgresql://***@two/x',
    ],
  ])('hides the user info of %j', (text, expected) => {
    expect(redact(text)).toBe(expected)
  })

  it.each([
    'redis://cache:6379',
    'https://example.com/a@b',
    'mail me at someone@example.com',
    'Listening on http://localhost:3000',
  ])('leaves %j alone', (text) => {
    expect(redact(text)).toBe(text)
  })

  it("hides the configured URLs' passwords where they stand alone, not their user names", () => {
    const own = createRedact(['postgres://postgres:p%40ss-w0rd@db/app', undefined])
    expect(own('echoed p@ss-w0rd and p%40ss-w0rd')).toBe('echoed *** and ***')
    expect(
      own('authentication failed for user "postgres" at postgres://postgres:p%40ss-w0rd@db'),
    ).toBe('authentication failed for user "postgres" at postgres://***@db')
  })

  it('never lets a configured password through, however it is written', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 4, maxLength: 40 }), fc.boolean(), (password, bare) => {
        const url = `redis://user:${encodeURIComponent(password)}@cache:6379`
        const text = bare ? `auth failed: ${password}` : `Cannot reach Redis at ${url} (refused)`
        const out = createRedact([url])(text)
        expect(out).not.toContain(password)
        expect(out).not.toContain(encodeURIComponent(password))
      }),
    )
  })
})
