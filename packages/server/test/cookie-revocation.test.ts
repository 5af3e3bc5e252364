import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { SessionStore } from '@crumbs/core'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { createSessionEngine } from '../src/engine/session-engine.js'
import type { CookieSessionFormat, InvalidSessionEvent } from '../src/engine/session-options.js'
import { memoryStore } from '../src/entries/stores/memory.js'
import { redisStore } from '../src/entries/stores/redis.js'
import { sqliteStore } from '../src/entries/stores/sqlite.js'
import { Client } from './harness/client.js'
import { codeOf } from './harness/code-of.js'
import {
  deleteKeys,
  describeWithRedis,
  openRedisClient,
  uniquePrefix,
} from './harness/redis-env.js'
import { type StoreHost, startStoreHost } from './harness/store-host.js'

const SECRET = 'a-test-secret-that-is-long-enough-0006'
const dir = mkdtempSync(join(tmpdir(), 'crumbs-revocation-'))
const prefixes: string[] = []
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true })
  await Promise.all(prefixes.map((prefix) => deleteKeys(prefix)))
})

interface Revocation {
  readonly store: SessionStore
  close(): Promise<void>
}

/** The store's reads counted: the real store under a spread copy. */
function counting(store: SessionStore): { store: SessionStore; reads: () => number } {
  let reads = 0
  return {
    store: {
      ...store,
      get: (id) => {
        reads++
        return store.get(id)
      },
    },
    reads: () => reads,
  }
}

function revocationTests(open: () => Promise<Revocation>): void {
  describe.each<CookieSessionFormat>(['sealed', 'signed', 'flask'])('%s cookies', (format) => {
    const hosts: StoreHost[] = []
    const stores: Revocation[] = []
    let invalid: InvalidSessionEvent[] = []

    afterEach(async () => {
      await Promise.all(hosts.splice(0).map((host) => host.close()))
      await Promise.all(stores.splice(0).map((store) => store.close()))
    })

    async function start(): Promise<{ host: StoreHost; reads: () => number }> {
      invalid = []
      const revocation = await open()
      stores.push(revocation)
      const { store, reads } = counting(revocation.store)
      const host = await startStoreHost({
        secret: SECRET,
        format,
        revocation: store,
        userKey: 'username',
        onInvalid: (event) => invalid.push(event),
      })
      hosts.push(host)
      return { host, reads }
    }

    it.each(['/logout', '/destroy'])('refuses a cookie copied before %s', async (logout) => {
      const { host } = await start()
      const browser = new Client(host.url)
      await browser.post('/login?name=john')
      const copy = [...browser.jar]
      expect((await browser.get('/')).body).toBe('Welcome, john!')
      await browser.get(logout)
      expect((await browser.get('/')).body).toBe('Please log in')
      const thief = new Client(host.url)
      for (const [name, value] of copy) thief.jar.set(name, value)
      expect((await thief.get('/')).body).toBe('Please log in')
      expect(invalid.map((event) => event.reason)).toEqual(['revoked'])
      // The refused cookie is cleared, and a new login works.
      expect(thief.jar.size).toBe(0)
      await thief.post('/login?name=john')
      expect((await thief.get('/')).body).toBe('Welcome, john!')
    })

    it('refuses the cookie of the previous login after a new one (regenerate)', async () => {
      const { host } = await start()
      const browser = new Client(host.url)
      await browser.post('/login?name=john')
      const first = [...browser.jar]
      await browser.post('/login?name=john')
      expect((await browser.get('/')).body).toBe('Welcome, john!')
      const replay = new Client(host.url)
      for (const [name, value] of first) replay.jar.set(name, value)
      expect((await replay.get('/')).body).toBe('Please log in')
    })

    it('refuses the cookie of a user who was replaced by another in the same session', async () => {
      const { host } = await start()
      const browser = new Client(host.url)
      await browser.post('/login?name=john')
      const johns = [...browser.jar]
      // A different user set on the same session, without regenerate().
      await browser.get('/put?key=username&value=jane')
      expect((await browser.get('/')).body).toBe('Welcome, jane!')
      const replay = new Client(host.url)
      for (const [name, value] of johns) replay.jar.set(name, value)
      expect((await replay.get('/')).body).toBe('Please log in')
    })

    it('logs a user out on every browser with destroyUserSessions, and not other users', async () => {
      const { host } = await start()
      const laptops = [new Client(host.url), new Client(host.url)]
      for (const laptop of laptops) await laptop.post('/login?name=nina')
      const other = new Client(host.url)
      await other.post('/login?name=omar')
      expect(await host.destroyUserSessions('nina')).toBe(0)
      for (const laptop of laptops) expect((await laptop.get('/')).body).toBe('Please log in')
      expect((await other.get('/')).body).toBe('Welcome, omar!')
      // A login after it is a new one.
      await laptops[0]!.post('/login?name=nina')
      expect((await laptops[0]!.get('/')).body).toBe('Welcome, nina!')
    })

    it('reads the store only for a cookie that names a user', async () => {
      const { host, reads } = await start()
      const anonymous = new Client(host.url)
      for (let i = 0; i < 5; i++) await anonymous.get('/count')
      expect(reads()).toBe(0)
      const user = new Client(host.url)
      await user.post('/login?name=john')
      const before = reads()
      await user.get('/')
      expect(reads() - before).toBe(1)
    })
  })
}

describe('cookie revocation: memory store', () =>
  revocationTests(async () => ({ store: memoryStore(), close: async () => {} })))

let files = 0
describe('cookie revocation: SQLite store', () =>
  revocationTests(async () => {
    const store = sqliteStore({ path: join(dir, `revocations-${files++}.db`) })
    return { store, close: () => store.close() }
  }))

describeWithRedis('cookie revocation: Redis store', () =>
  revocationTests(async () => {
    const { client, close } = await openRedisClient('ioredis')
    const prefix = uniquePrefix('revocation')
    prefixes.push(prefix)
    return { store: redisStore({ client, prefix }), close }
  }),
)

describe('cookie revocation: options', () => {
  it.each([
    ['without a userKey', { revocation: memoryStore() }],
    ['with store sessions', { revocation: memoryStore(), store: memoryStore(), userKey: 'u' }],
    ['with something that is no store', { revocation: {} as SessionStore, userKey: 'u' }],
  ])('refuses revocation %s with INVALID_OPTION', (_, options) => {
    expect(codeOf(() => createSessionEngine({ secret: SECRET, ...options }))).toBe('INVALID_OPTION')
  })
})
