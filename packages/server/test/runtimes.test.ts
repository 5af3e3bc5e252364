import { type ChildProcess, spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Client } from './harness/client.js'

// Bun and Deno, as the npm packages `bun` and `deno` install them, each serve
// test/runtimes/fetch-server.ts: withSession and csrfProtection of the BUILT package (dist/,
// through @crumbs/server's own exports). One process per runtime for this file, driven over
// HTTP on 127.0.0.1 and killed at the end.

const here = dirname(fileURLToPath(import.meta.url))
const packageRoot = join(here, '..')
const require = createRequire(import.meta.url)
const packageDir = (name: string) => dirname(require.resolve(`${name}/package.json`))

const SERVER = join(here, 'runtimes', 'fetch-server.ts')
const START_TIMEOUT_MS = 60_000

interface Runtime {
  readonly name: string
  readonly version: RegExp
  readonly command: string
  readonly args: readonly string[]
}

const runtimes: readonly Runtime[] = [
  {
    name: 'Bun',
    version: /^bun 1\./,
    // The package's postinstall puts the platform binary here.
    command: join(packageDir('bun'), 'bin', 'bun.exe'),
    args: [SERVER],
  },
  {
    name: 'Deno',
    version: /^deno 2\./,
    command: join(packageDir('deno'), 'deno'),
    // Deno resolves @crumbs/server and @crumbs/core through node_modules, as it does for any
    // project with a package.json; the engine and the memory store read NODE_ENV.
    args: ['run', '--allow-net=127.0.0.1', '--allow-read', '--allow-env=NODE_ENV', SERVER],
  },
]

/** Starts `runtime` on the fetch server and answers its base URL once it printed its port. */
function start(runtime: Runtime, children: ChildProcess[]): Promise<string> {
  if (!existsSync(join(packageRoot, 'dist', 'fetch.js'))) {
    throw new Error('dist/fetch.js is missing: run `pnpm --filter @crumbs/server build` first')
  }
  const child = spawn(runtime.command, runtime.args, {
    cwd: packageRoot,
    env: { ...process.env, NODE_ENV: 'development', NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  children.push(child)
  let output = ''
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`${runtime.name} did not start in time:\n${output}`))
    }, START_TIMEOUT_MS)
    const read = (chunk: Buffer) => {
      output += chunk.toString()
      const port = /^listening (\d+)$/m.exec(output)?.[1]
      if (port === undefined) return
      clearTimeout(timer)
      resolve(`http://127.0.0.1:${port}`)
    }
    child.stdout?.on('data', read)
    child.stderr?.on('data', read)
    child.once('error', (error) => {
      clearTimeout(timer)
      reject(error)
    })
    child.once('exit', (code, signal) => {
      clearTimeout(timer)
      reject(new Error(`${runtime.name} exited (${code ?? signal}) before listening:\n${output}`))
    })
  })
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 5_000)
    child.once('exit', () => {
      clearTimeout(force)
      resolve()
    })
    child.kill('SIGTERM')
  })
}

/** `value` with its middle character changed. */
const tamper = (value: string) => {
  const middle = Math.floor(value.length / 2)
  const swapped = value[middle] === 'A' ? 'B' : 'A'
  return `${value.slice(0, middle)}${swapped}${value.slice(middle + 1)}`
}

const SESSION_LINE = /^session=[^;]+; Path=\/; HttpOnly; SameSite=Lax$/

describe.each(runtimes)('@crumbs/server/fetch, built, in $name', (runtime) => {
  const children: ChildProcess[] = []
  let base = ''
  const client = () => new Client(base)

  beforeAll(async () => {
    base = await start(runtime, children)
  }, START_TIMEOUT_MS + 5_000)

  afterAll(async () => {
    await Promise.all(children.map(stop))
  })

  it('is served by that runtime', async () => {
    expect((await client().get('/sealed/runtime')).body).toMatch(runtime.version)
  })

  it.each(['sealed', 'signed', 'flask', 'store'])(
    'logs in, reads and logs out with %s sessions',
    async (kind) => {
      const browser = client()
      const anonymous = await browser.get(`/${kind}/`)
      expect(anonymous.body).toBe('Please log in')
      expect(anonymous.setCookies).toEqual([])

      const login = await browser.post(`/${kind}/login?name=jane`)
      expect(login.setCookies).toHaveLength(1)
      expect(login.setCookies[0]).toMatch(SESSION_LINE)
      expect(login.headers.get('vary')).toBe('Cookie')
      expect(login.headers.get('cache-control')).toBe('private')

      const read = await browser.get(`/${kind}/`)
      expect(read.body).toBe('Welcome, jane!')
      // Read, not changed: no Set-Cookie, and still personal.
      expect(read.setCookies).toEqual([])
      expect(read.headers.get('vary')).toBe('Cookie')
      expect(read.headers.get('cache-control')).toBe('private')

      expect(JSON.parse((await browser.get(`/${kind}/flashes`)).body)).toEqual([
        { category: 'message', message: 'Welcome back, jane' },
      ])
      expect(JSON.parse((await browser.get(`/${kind}/flashes`)).body)).toEqual([])

      await browser.post(`/${kind}/logout`)
      expect((await browser.get(`/${kind}/`)).body).toBe('Please log in')
    },
  )

  it.each(['sealed', 'signed', 'flask', 'store'])(
    'treats a tampered %s cookie as no session and clears it, never a 500',
    async (kind) => {
      const browser = client()
      await browser.post(`/${kind}/login`)
      browser.jar.set('session', tamper(browser.jar.get('session')!))
      const response = await browser.get(`/${kind}/`)
      expect(response.status).toBe(200)
      expect(response.body).toBe('Please log in')
      expect(browser.jar.has('session')).toBe(false)
    },
  )

  it('keeps a destroyed store session dead when its cookie is replayed, and kills the id regenerate gave up', async () => {
    const browser = client()
    await browser.post('/store/login')
    const first = browser.jar.get('session')!
    await browser.post('/store/login?name=ada')
    expect(browser.jar.get('session')).not.toBe(first)
    expect((await browser.get('/store/')).body).toBe('Welcome, ada!')
    const stolen = browser.jar.get('session')!
    await browser.post('/store/destroy')
    expect(browser.jar.has('session')).toBe(false)
    for (const replayed of [first, stolen]) {
      browser.jar.set('session', replayed)
      expect((await browser.get('/store/')).body).toBe('Please log in')
    }
  })

  it('re-issues a cookie verified under a fallback secret, under the newest one', async () => {
    const browser = client()
    await browser.post('/sealed/login')
    expect((await browser.get('/newest/')).body).toBe('Please log in')
    await browser.post('/sealed/login')
    const rotated = await browser.get('/rotated/')
    expect(rotated.body).toBe('Welcome, john!')
    expect(rotated.setCookies).toHaveLength(1)
    expect(rotated.setCookies[0]).toMatch(SESSION_LINE)
    expect((await browser.get('/newest/')).body).toBe('Welcome, john!')
  })

  it('leaves a response that read neither the session nor the cookies public', async () => {
    const response = await client().get('/sealed/static')
    expect(response.setCookies).toEqual([])
    expect(response.headers.get('vary')).toBeNull()
    expect(response.headers.get('cache-control')).toBe('public')
  })

  it('sets and reads a plain cookie at Path=/', async () => {
    const browser = client()
    expect((await browser.get('/sealed/cookie/set')).setCookies).toEqual(['username=john; Path=/'])
    expect((await browser.get('/sealed/cookie/get')).body).toBe('Hello, john!')
  })

  it('refuses a cross-site POST with 403 and checks the session form token', async () => {
    const browser = client()
    const crossSite = await browser.post('/sealed/submit', { 'sec-fetch-site': 'cross-site' })
    expect(crossSite.status).toBe(403)
    const foreign = await browser.post('/sealed/submit', { origin: 'https://evil.example' })
    expect(foreign.status).toBe(403)
    await browser.post('/sealed/login')
    const token = (await browser.get('/sealed/form')).body
    const sameSite = { 'sec-fetch-site': 'same-origin' }
    const accepted = await browser.post(`/sealed/submit?token=${token}`, sameSite)
    expect(accepted.body).toBe('accepted')
    const wrong = await browser.post(`/sealed/submit?token=${tamper(token)}`, sameSite)
    expect(wrong.status).toBe(403)
  })
})
