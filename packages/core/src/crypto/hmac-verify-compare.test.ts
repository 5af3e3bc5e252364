import { afterEach, describe, expect, it, vi } from 'vitest'
import { cryptoBackend } from '#crypto-backend'
import { timingSafeEqual } from '../internal/timing-safe-equal.js'

vi.mock('../internal/timing-safe-equal.js', async (original) => {
  const real = await original<typeof import('../internal/timing-safe-equal.js')>()
  return { timingSafeEqual: vi.fn(real.timingSafeEqual) }
})

afterEach(() => {
  vi.restoreAllMocks()
  vi.mocked(timingSafeEqual).mockClear()
})

const KEY = new Uint8Array(32).fill(7)

// Each backend compares a MAC in constant time: node:crypto's through the timing-safe helper,
// over the whole expected MAC; Web Crypto's inside crypto.subtle.verify, never as text.
describe(`hmacVerify (${cryptoBackend.name} backend)`, () => {
  it('compares a wrong MAC of the right length in constant time, never with ===', async () => {
    const key = await cryptoBackend.importHmacKey(KEY)
    const mac = await cryptoBackend.hmacSha256(key, 'data')
    const wrong = `${mac[0] === 'A' ? 'B' : 'A'}${mac.slice(1)}`
    const verify = vi.spyOn(crypto.subtle, 'verify')
    expect(await cryptoBackend.hmacVerify(key, 'data', wrong)).toBe(false)
    expect(await cryptoBackend.hmacVerify(key, 'data', mac)).toBe(true)
    if (cryptoBackend.name === 'node') {
      expect(vi.mocked(timingSafeEqual).mock.calls).toEqual([
        [mac, wrong],
        [mac, mac],
      ])
    } else {
      expect(verify).toHaveBeenCalledTimes(2)
      expect(vi.mocked(timingSafeEqual)).not.toHaveBeenCalled()
    }
  })
})
