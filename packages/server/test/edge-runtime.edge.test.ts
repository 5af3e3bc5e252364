import { createKeyring, type SessionRecord } from '@crumbs/core'
import { describe, expect, it } from 'vitest'
import { flaskSessionCodec } from '../src/codecs/flask-session-codec.js'
import { sealedCodec } from '../src/codecs/sealed-codec.js'
import { signedCodec } from '../src/codecs/signed-codec.js'

// The edge project only proves something if it runs what a worker runs: the edge runtime's
// globals and core's Web Crypto backend, which answers with promises where node:crypto does not.
const SECRET = 'an-edge-test-secret-that-is-long-enough-01'
const record: SessionRecord = {
  data: { username: 'john' },
  createdAt: 1,
  touchedAt: 1,
  permanent: false,
}

describe('the edge project', () => {
  it("runs on the edge runtime's globals", () => {
    expect((globalThis as { EdgeRuntime?: unknown }).EdgeRuntime).toBe('edge-runtime')
  })

  it.each([
    ['sealed', () => sealedCodec(createKeyring(SECRET))],
    ['signed', () => signedCodec(createKeyring(SECRET))],
    ['flask', () => flaskSessionCodec([SECRET], 86_400, false)],
  ])('binds core to Web Crypto: the %s codec answers with a promise', async (_, codec) => {
    const { encode, decode } = codec()
    const value = encode(record, 'session', 2_000_000_000)
    expect(value).toBeInstanceOf(Promise)
    const decoded = decode(await value, 'session', 2)
    expect(decoded).toBeInstanceOf(Promise)
    expect(await decoded).toMatchObject({ valid: true, record: { data: { username: 'john' } } })
  })
})
