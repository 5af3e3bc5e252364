import type { SessionStore } from '@crumbs/core'
import { afterEach, describe, expect, inject, it, vi } from 'vitest'
import type { InvalidSessionEvent, SessionOptions } from '../src/engine/session-options.js'
import { memoryStore } from '../src/entries/stores/memory.js'
import { Client } from './harness/client.js'
import type { Host, RunningHost } from './harness/hosts.js'
import { type LateErrors, scenarioApp } from './harness/scenario-app.js'

declare module 'vitest' {
  interface ProvidedContext {
    /** Set by the edge project, which runs the contract on the fetch entry's hosts alone. */
    fetchHostsOnly?: boolean
  }
}

// Node's own adapters import node:http, which the edge project refuses: load only what runs.
const { hosts } = inject('fetchHostsOnly')
  ? await import('./harness/fetch-hosts.js').then((m) => ({ hosts: m.fetchHosts }))
  : await import('./harness/hosts.js')

const SECRET = 'a-test-secret-that-is-long-enough-0001'
const NEWER = 'a-newer-secret-that-is-long-enough-0002'
const DAY = 86_400

describe.each(hosts)('adapter contract: $name', (host: Host) => {
  const running: RunningHost[] = []
  let late: LateErrors
  let invalid: InvalidSessionEvent[]
  let errors: unknown[]

  async function start(options: Partial<SessionOptions> = {}, csrf = false): Promise<Client> {
    late = new Map()
    invalid = []
    errors = []
    const server = await host.start(
      {
        session: {
          secret: SECRET,
          onInvalid: (event) => invalid.push(event),
          onError: (error) => errors.push(error),
          ...options,
        },
        csrf,
      },
      scenarioApp(late),
    )
    running.push(server)
    return new Client(server.url)
  }

  /** A second server over the same options, as after a restart or a secret rotation. */
  async function restart(client: Client, options: Partial<SessionOptions>): Promise<Client> {
    const next = await start(options)
    for (const [name, value] of client.jar) next.jar.set(name, value)
    return next
  }

  afterEach(async () => {
    vi.useRealTimers()
    vi.restoreAllMocks()
    vi.unstubAllEnvs()
    await Promise.all(running.splice(0).map((server) => server.close()))
  })

  it('sets, reads and deletes a plain cookie', async () => {
    const client = await start()
    expect((await client.get('/cookie/get')).body).toBe('No cookie')
    const set = await client.get('/cookie/set')
    expect(set.setCookies).toEqual(['username=john; Path=/'])
    expect((await client.get('/cookie/get')).body).toBe('Hello, john!')
    const deleted = await client.get('/cookie/delete')
    expect(deleted.setCookies[0]).toMatch(/^username=; Path=\/;/)
    expect(deleted.setCookies[0]).toMatch(/; Max-Age=0(;|$)/)
    expect(deleted.setCookies[0]).toMatch(/; Expires=Thu, 01 Jan 1970 00:00:00 GMT(;|$)/)
    expect((await client.get('/cookie/get')).body).toBe('No cookie')
  })

  it('sets and deletes a cookie at Path=/ from a deep route, as Flask does, unless told otherwise', async () => {
    const client = await start()
    expect((await client.get('/deep/path/set')).setCookies).toEqual([
      'username=john; Path=/',
      'scoped=1; Path=/deep',
    ])
    expect((await client.get('/deep/path/delete')).setCookies[0]).toMatch(/^username=; Path=\/;/)
  })

  it("follows the session cookie's Secure rule for an app cookie set with secure: 'auto'", async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    const client = await start()
    expect((await client.get('/cookie/auto')).setCookies).toEqual(['hint=1; Path=/; SameSite=Lax'])
    expect((await client.get('/cookie/auto', { host: '192.168.1.20:3000' })).setCookies).toEqual([
      'hint=1; Path=/; Secure; SameSite=Lax',
    ])
    const proxied = await start({ trustProxy: true })
    expect(
      (await proxied.get('/cookie/auto', { 'x-forwarded-proto': 'https' })).setCookies,
    ).toEqual(['hint=1; Path=/; Secure; SameSite=Lax'])
  })

  it('verifies a signed cookie and refuses a tampered one', async () => {
    const client = await start()
    await client.get('/signed/set')
    expect((await client.get('/signed/get')).body).toBe('signed: dark')
    client.jar.set('prefs', client.jar.get('prefs')!.replace(/^dark/, 'lite'))
    expect((await client.get('/signed/get')).body).toBe('signed: none')
  })

  it.each(['sealed', 'signed', 'flask'] as const)(
    'logs in, reads and logs out with %s cookie sessions',
    async (format) => {
      const client = await start({ format })
      expect((await client.get('/')).body).toBe('Please log in')
      const login = await client.post('/login?name=jane')
      expect(login.setCookies).toHaveLength(1)
      expect(login.setCookies[0]).toMatch(/^session=[^;]+; Path=\/; HttpOnly; SameSite=Lax$/)
      expect((await client.get('/')).body).toBe('Welcome, jane!')
      await client.post('/logout')
      expect((await client.get('/')).body).toBe('Please log in')
    },
  )

  it('logs in, reads and logs out with store sessions, and a replayed cookie stays logged out', async () => {
    const client = await start({ store: memoryStore() })
    await client.post('/login')
    expect((await client.get('/')).body).toBe('Welcome, john!')
    const stolen = client.jar.get('session')!
    await client.get('/destroy')
    expect(client.jar.has('session')).toBe(false)
    client.jar.set('session', stolen)
    expect((await client.get('/')).body).toBe('Please log in')
    expect(invalid).toEqual([{ reason: 'unknown-id', cookie: 'session' }])
  })

  it('gives a new id on regenerate at login, keeps the data there, and the old id no longer loads', async () => {
    const client = await start({ store: memoryStore() })
    // Before login the session holds something of its own, which must move, not be copied.
    await client.get('/put?key=cart&value=book')
    const before = client.jar.get('session')
    expect(before).toMatch(/^[A-Za-z0-9_-]{43}\./)
    await client.post('/login')
    const after = client.jar.get('session')!
    expect(after.split('.')[0]).not.toBe(before!.split('.')[0])
    expect(JSON.parse((await client.get('/dump')).body)).toMatchObject({
      cart: 'book',
      username: 'john',
    })
    // The pre-login cookie (one an attacker planted, say) loads nothing: not the cart, not the user.
    const replay = new Client(client.base)
    replay.jar.set('session', before!)
    expect((await replay.get('/dump')).body).toBe('{}')
    expect(invalid).toEqual([{ reason: 'unknown-id', cookie: 'session' }])
  })

  it.each([
    ['sealed', () => ({})],
    ['signed', () => ({ format: 'signed' as const })],
    ['flask', () => ({ format: 'flask' as const })],
    ['store id', () => ({ store: memoryStore() })],
  ])(
    're-issues a %s cookie verified under a fallback secret under the newest, which then suffices',
    async (_, mode) => {
      const shared = mode()
      const first = await start(shared)
      await first.post('/login')
      const old = first.jar.get('session')!
      const rotated = await restart(first, { ...shared, secret: [NEWER, SECRET] })
      const response = await rotated.get('/')
      expect(response.body).toBe('Welcome, john!')
      expect(response.setCookies).toHaveLength(1)
      expect(rotated.jar.get('session')).not.toBe(old)
      const newestOnly = await restart(rotated, { ...shared, secret: NEWER })
      expect((await newestOnly.get('/')).body).toBe('Welcome, john!')
      // Without the re-issue the browser would still hold this one, which the newest refuses.
      const stale = await restart(first, { ...shared, secret: NEWER })
      expect((await stale.get('/')).body).toBe('Please log in')
    },
  )

  it('treats a tampered cookie as no session, reports it and clears it', async () => {
    const client = await start()
    await client.post('/login')
    const value = client.jar.get('session')!
    const middle = Math.floor(value.length / 2)
    const swapped = value[middle] === 'A' ? 'B' : 'A'
    client.jar.set('session', `${value.slice(0, middle)}${swapped}${value.slice(middle + 1)}`)
    const response = await client.get('/')
    expect(response.status).toBe(200)
    expect(response.body).toBe('Please log in')
    expect(invalid.map((e) => e.reason)).toEqual(['mismatch'])
    expect(client.jar.has('session')).toBe(false)
  })

  it('survives a malformed Cookie header and 8 KB of junk', async () => {
    const client = await start()
    const junk = Array.from({ length: 8192 }, (_, i) =>
      String.fromCharCode(33 + ((i * 7) % 90)),
    ).join('')
    for (const cookie of [junk, 'session', '=;;=;session=%%%;', `session=${junk}`]) {
      const response = await client.get('/', { cookie })
      expect(response.status).toBe(200)
      expect(response.body).toBe('Please log in')
    }
  })

  // A sealed cookie carries its own expiry, so it is refused as `expired` before the engine
  // looks at the timestamps; a signed one is refused by the engine's own check.
  it.each([
    ['sealed', 'expired'],
    ['signed', 'idle-timeout'],
  ] as const)('ends a %s session after the idle timeout', async (format, reason) => {
    vi.useFakeTimers({ toFake: ['Date'] })
    const client = await start({ format, idleTimeout: 600 })
    await client.post('/login')
    vi.setSystemTime(Date.now() + 599_000)
    expect((await client.get('/')).body).toBe('Welcome, john!')
    vi.setSystemTime(Date.now() + 601_000)
    expect((await client.get('/')).body).toBe('Please log in')
    expect(invalid.map((e) => e.reason)).toEqual([reason])
  })

  it.each([
    ['sealed', 'expired'],
    ['signed', 'absolute-timeout'],
    ['flask', 'absolute-timeout'],
  ] as const)(
    'keeps an active %s session alive by rolling refresh, up to the absolute timeout',
    async (format, reason) => {
      vi.useFakeTimers({ toFake: ['Date'] })
      const client = await start({
        format,
        idleTimeout: 600,
        refreshAfter: 60,
        absoluteTimeout: 3000,
      })
      await client.post('/login')
      for (let minute = 5; minute < 50; minute += 5) {
        vi.setSystemTime(Date.now() + 300_000)
        expect((await client.get('/')).body).toBe('Welcome, john!')
      }
      vi.setSystemTime(Date.now() + 300_000)
      expect((await client.get('/')).body).toBe('Please log in')
      expect(invalid.map((e) => e.reason)).toEqual([reason])
    },
  )

  it('ends an active store session at the absolute timeout, rolling refreshes notwithstanding', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    const client = await start({
      store: memoryStore(),
      idleTimeout: 600,
      refreshAfter: 60,
      absoluteTimeout: 3000,
    })
    await client.post('/login')
    for (let minute = 5; minute < 50; minute += 5) {
      vi.setSystemTime(Date.now() + 300_000)
      expect((await client.get('/')).body).toBe('Welcome, john!')
    }
    vi.setSystemTime(Date.now() + 300_000)
    expect((await client.get('/')).body).toBe('Please log in')
    // Two locks, either enough: the store's TTL never outlives the absolute expiry (the record
    // is gone: unknown-id), and the engine checks the creation time of what it loads.
    expect(invalid).toHaveLength(1)
    expect(['unknown-id', 'absolute-timeout']).toContain(invalid[0]!.reason)
  })

  it('expires store sessions after the idle timeout too', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    const client = await start({ store: memoryStore(), idleTimeout: 600 })
    await client.post('/login')
    vi.setSystemTime(Date.now() + 601_000)
    expect((await client.get('/')).body).toBe('Please log in')
  })

  it('refuses a session cookie over 4096 bytes with COOKIE_TOO_LARGE', async () => {
    const client = await start()
    const response = await client.get('/big')
    expect(response.status).toBe(500)
    expect(response.setCookies).toEqual([])
    expect(errors).toHaveLength(1)
    expect(errors[0]).toMatchObject({ code: 'COOKIE_TOO_LARGE' })
  })

  it('refuses session changes after the headers were sent with HEADERS_SENT', async () => {
    const client = await start()
    expect((await client.get('/late')).body).toBe('sent')
    await vi.waitFor(() => expect(late.get('/late')).toBe('HEADERS_SENT'))
  })

  it('sets no cookie when the session did not change', async () => {
    const client = await start()
    await client.post('/login')
    const response = await client.get('/')
    expect(response.body).toBe('Welcome, john!')
    expect(response.setCookies).toEqual([])
  })

  it('marks responses that set a session Vary: Cookie and Cache-Control: private', async () => {
    const client = await start()
    const response = await client.post('/login')
    expect(response.headers.get('vary')).toMatch(/cookie/i)
    expect(response.headers.get('cache-control')).toMatch(/private/)
  })

  it('marks a response that read the session or the cookies personal, and one that did not public', async () => {
    const client = await start()
    await client.post('/login')
    for (const path of ['/', '/cookie/get']) {
      const read = await client.get(path)
      expect(read.setCookies).toEqual([])
      expect([path, read.headers.get('vary')]).toEqual([path, 'Cookie'])
      expect([path, read.headers.get('cache-control')]).toEqual([path, 'private'])
    }
    const untouched = await client.get('/static')
    expect(untouched.headers.get('vary')).toBeNull()
    expect(untouched.headers.get('cache-control')).toBe('public, max-age=60')
  })

  it('keeps a stricter Cache-Control the app set on a personal response, and adds to its Vary', async () => {
    const client = await start()
    await client.post('/login')
    const response = await client.get('/no-store')
    expect(response.body).toBe('personal')
    expect(response.headers.get('cache-control')).toBe('no-store')
    expect(response.headers.get('vary')).toBe('Accept-Encoding, Cookie')
  })

  it('sends the answer of a route that handled a failed save() itself', async () => {
    const { maybeSync: _, ...remote } = memoryStore()
    const down: SessionStore = { ...remote, set: () => Promise.reject(new Error('ECONNRESET')) }
    const client = await start({ store: down })
    const response = await client.get('/save-handled')
    expect([response.status, response.body]).toEqual([200, 'save failed: STORE_UNAVAILABLE'])
    expect(response.setCookies).toEqual([])
  })

  it('gives a permanent session Max-Age and a browser session none', async () => {
    const client = await start({ maxAge: 7 * DAY })
    expect((await client.post('/login?remember')).setCookies[0]).toMatch(/Max-Age=604800/)
    expect((await client.post('/login')).setCookies[0]).not.toMatch(/Max-Age/)
  })

  it('uses __Host- and Secure behind a trusted https proxy', async () => {
    const client = await start({ trustProxy: true })
    const response = await client.post('/login', { 'x-forwarded-proto': 'https' })
    expect(response.setCookies[0]).toMatch(
      /^__Host-session=[^;]+; Path=\/; HttpOnly; Secure; SameSite=Lax$/,
    )
    expect((await client.get('/', { 'x-forwarded-proto': 'https' })).body).toBe('Welcome, john!')
    // The same header without trustProxy is not believed: the request counts as plain http
    // (so the Secure cookie comes with a warning), and not as local development either.
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const untrusted = await start()
    expect(
      (await untrusted.post('/login', { 'x-forwarded-proto': 'https' })).setCookies[0],
    ).toMatch(/^__Host-session=/)
    expect(warn).toHaveBeenCalledTimes(1)
  })

  it.each([
    ['a TLS proxy forwarding Host: 127.0.0.1 (not trusted)', { 'x-forwarded-proto': 'https' }],
    [
      'a TLS proxy naming itself in Forwarded (not trusted)',
      { forwarded: 'for=203.0.113.9;proto=https' },
    ],
    ['a LAN host name', { host: '192.168.1.20:3000' }],
    ['a development host name', { host: 'myapp.test' }],
  ])('keeps Secure and __Host- on plain http through %s, and warns once', async (_, headers) => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const client = await start()
    const first = await client.post('/login', headers)
    expect(first.setCookies[0]).toMatch(
      /^__Host-session=[^;]+; Path=\/; HttpOnly; Secure; SameSite=Lax$/,
    )
    await client.post('/login', headers)
    expect(warn).toHaveBeenCalledTimes(1)
    expect(String(warn.mock.calls[0]![0])).toMatch(/trustProxy/)
    expect(String(warn.mock.calls[0]![0])).not.toContain(client.jar.get('__Host-session')!)
  })

  it('keeps Secure on plain-http localhost under NODE_ENV=production', async () => {
    vi.stubEnv('NODE_ENV', 'production')
    const client = await start()
    vi.unstubAllEnvs()
    expect((await client.post('/login')).setCookies[0]).toMatch(/^__Host-session=[^;]+;.*; Secure;/)
  })

  it('leaves Secure off for plain-http development on localhost, without a warning', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const client = await start()
    for (const host of [undefined, 'localhost:3000', 'app.localhost', '[::1]:8080']) {
      const response = await client.post('/login', host === undefined ? {} : { host })
      expect([host, response.setCookies[0]]).toEqual([
        host,
        expect.stringMatching(/^session=[^;]+; Path=\/; HttpOnly; SameSite=Lax$/),
      ])
    }
    expect(warn).not.toHaveBeenCalled()
  })

  it('starts with SameSite=None under secure: true and issues that cookie', async () => {
    // The plain-http variant of such a cookie cannot exist; a server that never serves one
    // must still start.
    const client = await start({ cookie: { secure: true, sameSite: 'none' } })
    const response = await client.post('/login')
    expect(response.setCookies[0]).toMatch(
      /^__Host-session=[^;]+; Path=\/; HttpOnly; Secure; SameSite=None$/,
    )
  })

  it('shows a flashed message once', async () => {
    const client = await start()
    await client.post('/login')
    expect(JSON.parse((await client.get('/flashes')).body)).toEqual([
      { category: 'message', message: 'Welcome back, john' },
    ])
    expect(JSON.parse((await client.get('/flashes')).body)).toEqual([])
  })

  it('answers 403 to a cross-site POST and lets same-origin and non-browser requests through', async () => {
    const client = await start({}, true)
    expect((await client.post('/login', { 'sec-fetch-site': 'cross-site' })).status).toBe(403)
    expect((await client.post('/login', { origin: 'https://evil.example' })).status).toBe(403)
    expect((await client.post('/login', { 'sec-fetch-site': 'same-origin' })).status).toBe(200)
    expect((await client.post('/login')).status).toBe(200)
    expect((await client.get('/', { 'sec-fetch-site': 'cross-site' })).status).toBe(200)
  })

  it('gives a visitor without a session a form token in a signed cookie of its own, and drops it at login', async () => {
    const visitor = await start({ store: memoryStore() })
    const first = await visitor.get('/csrf-token')
    const token = first.body
    expect(first.setCookies).toEqual([
      expect.stringMatching(/^session-csrf=[^;]+; Path=\/; HttpOnly; SameSite=Lax$/),
    ])
    // The same token on the next page, from the cookie: nothing new is set.
    const again = await visitor.get('/csrf-token')
    expect([again.body, again.setCookies]).toEqual([token, []])
    expect((await visitor.post(`/form?csrf=${token}`)).body).toBe('form accepted')
    // A token the server never signed is no token.
    const forger = new Client(visitor.base)
    forger.jar.set('session-csrf', `${token}.${'A'.repeat(43)}`)
    expect((await forger.post(`/form?csrf=${token}`)).status).toBe(403)
    // Logging in stores a session, which holds its own token from then on.
    const login = await visitor.post('/login')
    expect(login.setCookies.some((line) => /^session-csrf=;.*Max-Age=0/.test(line))).toBe(true)
    expect(visitor.jar.has('session-csrf')).toBe(false)
    expect((await visitor.post(`/form?csrf=${token}`)).status).toBe(403)
  })

  it('accepts a form with the session CSRF token and refuses a wrong or missing one', async () => {
    const client = await start()
    const token = (await client.get('/csrf-token')).body
    expect((await client.post(`/form?csrf=${token}`)).body).toBe('form accepted')
    expect((await client.post(`/form?csrf=${token.slice(1)}x`)).status).toBe(403)
    expect((await client.post('/form')).status).toBe(403)
  })
})
