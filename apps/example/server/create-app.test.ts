import type { AddressInfo } from 'node:net'
import { memoryStore } from '@crumbs/server/stores/memory'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { Browser, parseSetCookieLine, type ReceivedCookie } from '../test/harness/browser.js'
import { type AppParts, createApp } from './create-app.js'
import { createLoginGuard, type LoginGuard } from './login-guard.js'
import { createLoginThrottle, ThrottleUnavailableError } from './login-throttle.js'
import type { UserDirectory } from './user-directory.js'

const SECRET = 'test-secret-test-secret-test-secret-42'

/** Any name logs in with the password `pw`: the routes, not the hashing, are under test here. */
const users: UserDirectory = {
  seed: async () => {},
  authenticate: async (username, password) => (password === 'pw' ? username : undefined),
}

/** The real guard, with its counters in memory (`serve` takes another). */
async function memoryGuard(directory: UserDirectory = users): Promise<LoginGuard> {
  const throttle = await createLoginThrottle({ kind: 'memory' })
  closers.push(() => throttle.close())
  return createLoginGuard({ users: directory, throttle })
}

const closers: (() => Promise<void>)[] = []
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()))
})

async function serve(overrides: Partial<AppParts> = {}): Promise<string> {
  const app = createApp({
    logins: overrides.logins ?? (await memoryGuard()),
    session: { secret: SECRET, store: memoryStore() },
    sessions: 'memory',
    sessionsExplained: 'In memory.',
    assets: { head: '<script type="module" src="/assets/main.js"></script>' },
    ...overrides,
  })
  const server = app.listen(0, '127.0.0.1')
  await new Promise((resolve) => server.once('listening', resolve))
  closers.push(
    () =>
      new Promise((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  )
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}

describe('createApp pages', () => {
  it('redirects a visitor from / to /login', async () => {
    const response = await new Browser(await serve()).send('/')
    expect(response.status).toBe(302)
    expect(response.headers.get('location')).toBe('/login')
  })

  it('renders the login form with a CSRF token mirrored into a readable cookie', async () => {
    const browser = new Browser(await serve())
    const response = await browser.send('/login')
    const html = await response.text()
    expect(response.status).toBe(200)
    expect(html).toContain('<form method="post" action="/login" id="login-form">')
    expect(html).toContain('/assets/main.js')
    const token = html.match(/name="csrf_token" value="([^"]+)"/)?.[1]
    expect(token).toBeDefined()
    expect(browser.jar.get('csrf_token')).toBe(token)
    const line = response.headers.getSetCookie().find((l) => l.startsWith('csrf_token='))
    expect(line).not.toMatch(/HttpOnly/i)
  })

  it('suggests the demo users on the login page only when they exist', async () => {
    const without = await (await new Browser(await serve()).send('/login')).text()
    expect(without).not.toContain('password123')
    const withDemo = await (
      await new Browser(await serve({ demoUsers: true })).send('/login')
    ).text()
    expect(withDemo).toContain('<kbd>john</kbd> / <kbd>password123</kbd>')
  })

  it('answers a wrong password with 401, the error, and the name kept escaped', async () => {
    const browser = new Browser(await serve())
    const csrf_token = await browser.formToken()
    const response = await browser.postForm('/login', {
      csrf_token,
      username: '<b>john</b>',
      password: 'nope',
    })
    const html = await response.text()
    expect(response.status).toBe(401)
    expect(html).toContain('Invalid username or password')
    expect(html).toContain('value="&lt;b&gt;john&lt;/b&gt;"')
    expect((await browser.send('/')).status).toBe(302)
  })

  it('refuses a form without the session CSRF token', async () => {
    const browser = new Browser(await serve())
    await browser.formToken()
    const response = await browser.postForm('/login', { username: 'john', password: 'pw' })
    expect(response.status).toBe(403)
    expect((await browser.send('/')).status).toBe(302)
  })

  it('logs in under a new session id and greets by name, escaped', async () => {
    const base = await serve()
    // A visitor stores nothing before login, so the session to replace is one an attacker
    // got by logging in himself and planted in the victim's browser (session fixation).
    const attacker = new Browser(base)
    await attacker.logIn('mallory')
    const planted = attacker.jar.get('session')
    expect(planted).toMatch(/^[A-Za-z0-9_-]{43}\./)
    const browser = new Browser(base)
    browser.jar.set('session', planted!)
    await browser.logIn('<i>ada</i>')
    expect(browser.jar.get('session')).toBeDefined()
    expect(browser.jar.get('session')).not.toBe(planted)
    const html = await (await browser.send('/')).text()
    expect(html).toContain('Welcome, &lt;i&gt;ada&lt;/i&gt;!')
    // The planted id was given up at login: it does not log the attacker in as ada, or at all.
    const replay = new Browser(base)
    replay.jar.set('session', planted!)
    expect((await replay.send('/')).status).toBe(302)
  })

  it('logs out with the form and the old cookie stops working', async () => {
    const browser = new Browser(await serve())
    await browser.logIn()
    const stolen = browser.jar.get('session')
    const page = await (await browser.send('/')).text()
    const csrf_token = page.match(/name="csrf_token" value="([^"]+)"/)?.[1] ?? ''
    const response = await browser.postForm('/logout', { csrf_token })
    expect(response.status).toBe(303)
    expect(response.headers.get('location')).toBe('/login')

    const replay = new Browser(browser.base)
    replay.jar.set('session', stolen!)
    expect((await replay.send('/')).status).toBe(302)
  })

  it.each([
    ['same-origin', 303],
    ['none', 303],
    ['cross-site', 403],
    ['same-site', 403],
  ])('answers GET /logout with Sec-Fetch-Site: %s by %i', async (site, status) => {
    const browser = new Browser(await serve())
    await browser.logIn()
    const response = await browser.send('/logout', { headers: { 'sec-fetch-site': site } })
    expect(response.status).toBe(status)
    expect((await browser.send('/')).status).toBe(status === 303 ? 302 : 200)
  })

  describe('GET /logout without Sec-Fetch-Site', () => {
    const loggedIn = async () => {
      const browser = new Browser(await serve())
      await browser.logIn()
      return browser
    }

    it.each([
      ['a same-origin Origin', (base: string) => ({ origin: base })],
      ['a same-origin Referer', (base: string) => ({ referer: `${base}/` })],
    ])('logs out with %s', async (_name, headers) => {
      const browser = await loggedIn()
      const response = await browser.send('/logout', { headers: headers(browser.base) })
      expect(response.status).toBe(303)
      expect(response.headers.get('location')).toBe('/login')
      expect((await browser.send('/')).status).toBe(302)
    })

    it.each([
      ['neither Origin nor Referer', {}],
      ['a Referer on another site', { referer: 'https://evil.example/cats' }],
      ['a Referer on another port', { referer: 'http://127.0.0.1:1/' }],
      ['an Origin on another site', { origin: 'https://evil.example' }],
      ['a null Origin', { origin: 'null' }],
      ['a malformed Referer', { referer: 'not a url' }],
    ])('asks first, with %s, and logs out on the confirming POST', async (_name, headers) => {
      const browser = await loggedIn()
      const response = await browser.send('/logout', { headers })
      const html = await response.text()
      expect(response.status).toBe(200)
      expect(html).toContain('<form method="post" action="/logout" id="logout-form">')
      expect((await browser.send('/')).status).toBe(200)

      const csrf_token = html.match(/name="csrf_token" value="([^"]+)"/)?.[1] ?? ''
      expect((await browser.postForm('/logout', { csrf_token })).status).toBe(303)
      expect((await browser.send('/')).status).toBe(302)
    })

    it('sends a visitor with no login to the login page', async () => {
      const response = await new Browser(await serve()).send('/logout')
      expect(response.status).toBe(303)
      expect(response.headers.get('location')).toBe('/login')
    })
  })

  it('sends a strict Content-Security-Policy unless told not to', async () => {
    const strict = await new Browser(await serve()).send('/login')
    expect(strict.headers.get('content-security-policy')).toContain("script-src 'self'")
    const dev = await new Browser(await serve({ contentSecurityPolicy: false })).send('/login')
    expect(dev.headers.get('content-security-policy')).toBeNull()
  })

  it('answers a login with 503, not a crash, when the throttle store goes down', async () => {
    const down = () => Promise.reject(new ThrottleUnavailableError('redis is down'))
    const throttle = {
      retryAfter: down,
      recordFailure: down,
      recordSuccess: down,
      close: async () => {},
    }
    const log = vi.spyOn(console, 'error').mockImplementation(() => {})
    const browser = new Browser(await serve({ logins: createLoginGuard({ users, throttle }) }))
    const response = await browser.tryLogIn('john', 'pw')
    log.mockRestore()
    expect(response.status).toBe(503)
    expect(await response.text()).toContain('Sessions are unavailable')
  })

  it('answers unknown paths with 404', async () => {
    const browser = new Browser(await serve())
    expect((await browser.send('/nope')).status).toBe(404)
    expect((await browser.send('/api/nope')).status).toBe(404)
  })

  it('answers 503, not a crash, when the session store goes down', async () => {
    const store = memoryStore()
    let up = true
    const guarded = Object.fromEntries(
      Object.entries(store).map(([name, method]) => [
        name,
        (...args: unknown[]) => {
          if (!up) return Promise.reject(new Error('redis://app:hunter2@cache:6379 refused'))
          return (method as (...a: unknown[]) => Promise<unknown>)(...args)
        },
      ]),
    ) as unknown as typeof store
    const browser = new Browser(await serve({ session: { secret: SECRET, store: guarded } }))
    await browser.logIn()
    up = false
    const log = vi.spyOn(console, 'error').mockImplementation(() => {})

    const page = await browser.send('/')
    expect(page.status).toBe(503)
    expect(await page.text()).toContain('Sessions are unavailable')
    const api = await browser.send('/api/me')
    expect(api.status).toBe(503)
    expect(await api.json()).toEqual({
      error: 'Sessions are unavailable right now. Please try again shortly.',
      code: 'STORE_UNAVAILABLE',
    })
    expect(log).toHaveBeenCalledTimes(2)
    // The failure is logged with its cause, never with the credentials in it.
    expect(String(log.mock.calls[0])).toContain('redis://***@cache:6379 refused')
    expect(String(log.mock.calls)).not.toContain('hunter2')
    log.mockRestore()
    up = true
    expect((await browser.send('/')).status).toBe(200)
  })
})

describe('createApp /api/counter', () => {
  const post = (browser: Browser) =>
    browser.postJson('/api/counter', {}, { 'x-csrf-token': browser.jar.get('csrf_token') ?? '' })

  it('counts per session, for a logged-in user with the CSRF token only', async () => {
    const browser = new Browser(await serve())
    await browser.formToken()
    expect((await post(browser)).status).toBe(401)
    await browser.logIn()
    await browser.formToken()
    expect(await (await post(browser)).json()).toEqual({ counter: 1 })
    expect(await (await post(browser)).json()).toEqual({ counter: 2 })
    expect(await (await browser.send('/api/counter')).json()).toEqual({ counter: 2 })
    expect((await browser.postJson('/api/counter', {})).status).toBe(403)
    expect(await (await browser.send('/api/counter')).json()).toEqual({ counter: 2 })
  })

  it('counts every one of 20 concurrent increments of one session', async () => {
    const browser = new Browser(await serve())
    await browser.logIn()
    await browser.formToken()
    const answers = await Promise.all(Array.from({ length: 20 }, () => post(browser)))
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(200))
    const counts = await Promise.all(answers.map(async (a) => (await a.json()).counter))
    expect(counts.sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1))
    expect(await (await browser.send('/api/counter')).json()).toEqual({ counter: 20 })
  })
})

describe('createApp with cookie sessions', () => {
  it.each(['sealed', 'signed', 'flask'] as const)(
    'logs in and out with %s cookies',
    async (format) => {
      const browser = new Browser(await serve({ session: { secret: SECRET, format } }))
      await browser.logIn('ada')
      expect(await (await browser.send('/')).text()).toContain('Welcome, ada!')
      const page = await (await browser.send('/')).text()
      const csrf_token = page.match(/name="csrf_token" value="([^"]+)"/)?.[1] ?? ''
      expect((await browser.postForm('/logout', { csrf_token })).status).toBe(303)
      expect((await browser.send('/')).status).toBe(302)
    },
  )
})

describe('createApp cookie demo', () => {
  it('sets, reads and deletes the username cookie', async () => {
    const browser = new Browser(await serve())
    expect(await (await browser.send('/cookie/get')).text()).toContain('No username cookie')
    const set = await browser.send('/cookie/set')
    expect(set.headers.getSetCookie()).toContain('username=john; Path=/; HttpOnly; SameSite=Lax')
    expect(await (await browser.send('/cookie/get')).text()).toContain('Hello, john!')
    await browser.send('/cookie/delete')
    expect(browser.jar.has('username')).toBe(false)
    expect(await (await browser.send('/cookie/get')).text()).toContain('No username cookie')
  })
})

describe('createApp JSON API', () => {
  it('logs in and out with the token in x-csrf-token', async () => {
    const browser = new Browser(await serve())
    expect(await (await browser.send('/api/me')).json()).toEqual({ user: null })
    await browser.formToken()
    const token = () => ({ 'x-csrf-token': browser.jar.get('csrf_token') ?? '' })

    const wrong = await browser.postJson(
      '/api/login',
      { username: 'john', password: 'no' },
      token(),
    )
    expect(wrong.status).toBe(401)
    expect(await wrong.json()).toEqual({ error: 'Invalid username or password' })

    const before = browser.jar.get('csrf_token')
    const right = await browser.postJson(
      '/api/login',
      { username: 'john', password: 'pw' },
      token(),
    )
    expect(await right.json()).toEqual({ user: { username: 'john' } })
    // Login rotates the CSRF token and hands the page the new copy.
    expect(browser.jar.get('csrf_token')).not.toBe(before)
    expect(await (await browser.send('/api/me')).json()).toEqual({ user: { username: 'john' } })

    const out = await browser.send('/api/logout', { method: 'POST', headers: token() })
    expect(await out.json()).toEqual({ user: null })
    expect(await (await browser.send('/api/me')).json()).toEqual({ user: null })
  })

  it.each([
    ['no token', {}],
    ['a wrong token', { 'x-csrf-token': 'forged' }],
  ])('refuses a login with %s', async (_name, headers) => {
    const browser = new Browser(await serve())
    await browser.formToken()
    const response = await browser.postJson(
      '/api/login',
      { username: 'john', password: 'pw' },
      headers,
    )
    expect(response.status).toBe(403)
  })

  it('answers 400 to a body without credentials or not JSON', async () => {
    const browser = new Browser(await serve())
    await browser.formToken()
    const token = { 'x-csrf-token': browser.jar.get('csrf_token') ?? '' }
    expect((await browser.postJson('/api/login', { username: 'john' }, token)).status).toBe(400)
    const broken = await browser.send('/api/login', {
      method: 'POST',
      body: '{"username":',
      headers: { 'content-type': 'application/json', ...token },
    })
    expect(broken.status).toBe(400)
    expect(await broken.json()).toEqual({ error: 'That request could not be understood.' })
  })
})

describe('createApp transport security', () => {
  /** The session cookie and the CSRF token's copy that GET /login sets, with `headers`. */
  async function loginCookies(base: string, headers: Record<string, string>) {
    const response = await new Browser(base, headers).send('/login')
    const cookies = response.headers.getSetCookie().map(parseSetCookieLine)
    const find = (pattern: RegExp) => cookies.find((c) => pattern.test(c.name))
    // Before login, the session's cookie is its companion that carries the visitor's CSRF token
    // (no session is stored yet); it takes the session cookie's name, prefix and Secure rule.
    return { session: find(/^(__Host-)?session-csrf$/), csrf: find(/^csrf_token$/) }
  }
  const secure = (cookie: ReceivedCookie | undefined) => cookie?.attributes.includes('secure')

  afterEach(() => {
    vi.unstubAllEnvs()
    vi.restoreAllMocks()
  })

  it('makes both cookies Secure behind a TLS proxy when TRUST_PROXY is on', async () => {
    const base = await serve({ trustProxy: true })
    const { session, csrf } = await loginCookies(base, {
      host: 'example.com',
      'x-forwarded-proto': 'https',
      'x-forwarded-for': '203.0.113.7',
    })
    expect(session?.name).toBe('__Host-session-csrf')
    expect(secure(session)).toBe(true)
    expect(secure(csrf)).toBe(true)
  })

  it.each([
    ['a non-local Host', { host: 'example.com' }],
    ['an untrusted X-Forwarded-Proto', { 'x-forwarded-proto': 'https' }],
    [
      'an untrusted X-Forwarded-Proto and a non-local Host',
      { host: 'example.com', 'x-forwarded-proto': 'https' },
    ],
  ])('makes both cookies Secure without TRUST_PROXY, from %s', async (_name, headers) => {
    // crumbs warns once that a Secure cookie goes out over plain http.
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    const { session, csrf } = await loginCookies(await serve(), headers)
    expect(secure(session)).toBe(true)
    expect(secure(csrf)).toBe(true)
  })

  it('leaves both cookies without Secure for plain-http development on localhost', async () => {
    const { session, csrf } = await loginCookies(await serve(), { host: 'localhost:3000' })
    expect(session?.name).toBe('session-csrf')
    expect(secure(session)).toBe(false)
    expect(secure(csrf)).toBe(false)
  })

  it('makes both cookies Secure on localhost under NODE_ENV=production', async () => {
    vi.stubEnv('NODE_ENV', 'production')
    const { session, csrf } = await loginCookies(await serve(), {})
    expect(secure(session)).toBe(true)
    expect(secure(csrf)).toBe(true)
  })

  it.each([
    [true, 200],
    [false, 403],
  ])(
    'with TRUST_PROXY %s, takes the proxied https Origin as its own: %i',
    async (trustProxy, status) => {
      const proxied = { host: 'example.com', 'x-forwarded-proto': 'https' }
      vi.spyOn(console, 'warn').mockImplementation(() => {})
      const browser = new Browser(await serve({ trustProxy }), proxied)
      await browser.formToken()
      const response = await browser.postJson(
        '/api/login',
        { username: 'ada', password: 'pw' },
        { origin: 'https://example.com', 'x-csrf-token': browser.jar.get('csrf_token') ?? '' },
      )
      expect(response.status).toBe(status)
      if (status === 403) expect(await response.text()).toContain('origin-mismatch')
    },
  )
})
