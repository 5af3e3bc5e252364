import { describe, expect, it } from 'vitest'
import { cryptoBackend } from '#crypto-backend'
import { createKeyring } from './keyring.js'
import { seal, sealMaybeSync, unseal, unsealMaybeSync } from './seal.js'
import { sign, signMaybeSync, unsign, unsignMaybeSync } from './sign.js'

const SECRET = 'maybe-sync-test-secret-0123456789-abcd'
const OLD_SECRET = 'maybe-sync-test-old-secret-9876543210'
const synchronous = cryptoBackend.name === 'node'

describe('the MaybeSync variants', () => {
  it(`answer ${synchronous ? 'synchronously on node:crypto' : 'with a promise on Web Crypto'} once the keys are derived`, async () => {
    const keys = createKeyring(SECRET)
    const options = { keys, name: 'session' }
    // The first call derives the keys.
    const token = await signMaybeSync('john', options)
    const sealed = await sealMaybeSync('john', options)
    for (const answer of [
      signMaybeSync('john', options),
      unsignMaybeSync(token, options),
      sealMaybeSync('john', options),
      unsealMaybeSync(sealed, options),
    ]) {
      expect(answer instanceof Promise).toBe(!synchronous)
    }
  })

  it('give what sign, unsign, seal and unseal give', async () => {
    const keys = createKeyring([SECRET, OLD_SECRET])
    const old = createKeyring(OLD_SECRET)
    const options = { keys, name: 'session', purpose: 'session' }
    const oldOptions = { ...options, keys: old }
    expect(await signMaybeSync('john', options)).toBe(await sign('john', options))
    for (const token of [await sign('john', options), await sign('john', oldOptions), 'junk']) {
      expect(await unsignMaybeSync(token, options)).toEqual(await unsign(token, options))
    }
    for (const token of [await seal('john', options), await seal('john', oldOptions), 'v1.x']) {
      expect(await unsealMaybeSync(token, options)).toEqual(await unseal(token, options))
    }
    expect(await unsealMaybeSync(await sealMaybeSync('zoë', options), options)).toMatchObject({
      valid: true,
      value: 'zoë',
    })
  })

  it('throw INVALID_OPTION at the call for bad options, where the async ones reject', async () => {
    const badKeys = { keys: {} as never, name: 'session' }
    for (const call of [
      () => signMaybeSync('john', badKeys),
      () => unsignMaybeSync('john.x', badKeys),
      () => sealMaybeSync('john', badKeys),
      () => unsealMaybeSync('v1.x', badKeys),
      () => signMaybeSync('\uD800', { keys: createKeyring(SECRET), name: 'session' }),
    ]) {
      expect(call).toThrow(expect.objectContaining({ code: 'INVALID_OPTION' }))
    }
    await expect(sign('john', badKeys)).rejects.toMatchObject({ code: 'INVALID_OPTION' })
  })
})
