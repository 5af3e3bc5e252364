import { createKeyring, generateSessionId } from '@crumbs/core'
import { signMaybeSync, timingSafeEqual } from '@crumbs/core/engine'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createFlaskCodec } from '../src/codecs/flask/create-flask-codec.js'
import { verifyCsrfToken } from '../src/engine/csrf-check.js'
import { SignedIds } from '../src/engine/signed-ids.js'

// The real comparisons, watched: each test proves a secret comparison goes through one of them
// with the whole expected value. What they cost in time is not asserted (the helpers' own tests
// show they read every character); where the comparison runs is.
vi.mock('@crumbs/core/engine', async (original) => {
  const real = await original<typeof import('@crumbs/core/engine')>()
  return { ...real, timingSafeEqual: vi.fn(real.timingSafeEqual) }
})

const SECRET = 'constant-time-test-secret-0123456789abcdef'

afterEach(() => {
  vi.mocked(timingSafeEqual).mockClear()
})

/** `text` with its character at `at` changed. */
const changed = (text: string, at: number) =>
  `${text.slice(0, at)}${text[at] === 'A' ? 'B' : 'A'}${text.slice(at + 1)}`

describe('secret comparisons run in constant time', () => {
  it('a submitted CSRF token, against the whole session token', () => {
    const token = 'x9Kq3vT0bR7mZ1pL8sW2yN5cF4hJ6gD0aE3uI7oP1tQ'
    const session = { csrfToken: () => token }
    const forged = changed(token, 0)
    expect(verifyCsrfToken(session, forged)).toBe(false)
    expect(verifyCsrfToken(session, token)).toBe(true)
    expect(vi.mocked(timingSafeEqual).mock.calls).toEqual([
      [token, forged],
      [token, token],
    ])
  })

  it('the MAC of a session id verified before, against the whole remembered MAC', () => {
    const keys = createKeyring(SECRET)
    const ids = new SignedIds(keys, 'session-id')
    const signed = signMaybeSync(generateSessionId(), {
      keys,
      name: 'session',
      purpose: 'session-id',
    }) as string
    expect(ids.verify(signed, 'session')).toMatchObject({ valid: true })
    const mac = signed.slice(signed.lastIndexOf('.') + 1)
    const forged = changed(signed, signed.length - 5)
    expect(ids.verify(forged, 'session')).toMatchObject({ valid: false })
    expect(vi.mocked(timingSafeEqual).mock.calls).toContainEqual([
      mac,
      forged.slice(forged.lastIndexOf('.') + 1),
    ])
  })

  it("a Flask cookie's signature, against the whole expected signature (27 characters)", async () => {
    const flask = createFlaskCodec({ secrets: [SECRET] })
    const cookie = await flask.encode({ username: 'john' })
    const forged = changed(cookie, cookie.length - 3)
    expect(await flask.decode(forged)).toMatchObject({ valid: false })
    expect(await flask.decode(cookie)).toMatchObject({ valid: true })
    const signature = cookie.slice(cookie.lastIndexOf('.') + 1)
    expect(signature).toHaveLength(27)
    expect(vi.mocked(timingSafeEqual).mock.calls).toEqual([
      [signature, forged.slice(forged.lastIndexOf('.') + 1)],
      [signature, signature],
    ])
  })
})
