import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { once } from 'node:events'
import { fileURLToPath } from 'node:url'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { createFlaskCodec } from '../src/codecs/flask/index.js'
import type { SessionOptions } from '../src/engine/session-options.js'
import { withSession } from '../src/entries/fetch.js'
import { codeOf } from './harness/code-of.js'

// A real Flask over real HTTP: cookies minted by Flask decode in TypeScript and the reverse.
const PYTHON = process.env.FLASK_PYTHON ?? '/usr/bin/python3'
const IN_CI = process.env.CI === 'true'
const HOW_TO_INSTALL = `apt-get install -y python3-flask (Debian/Ubuntu), or set FLASK_PYTHON to a Python that has Flask`
const APP = fileURLToPath(new URL('./flask-app.py', import.meta.url))
const LIFETIME = 3600
const START_TIMEOUT = 15_000
const REQUEST_TIMEOUT = 5_000

const probe = spawnSync(PYTHON, ['-c', 'import flask'], { timeout: 10_000 })
const hasFlask = probe.status === 0
if (!hasFlask && !IN_CI) {
  console.warn(
    `\n⚠️  SKIPPING the Flask live interop test: ${PYTHON} cannot import flask.\n   Install it with: ${HOW_TO_INSTALL}\n`,
  )
}

const secret = randomBytes(32).toString('hex')
const codec = createFlaskCodec({ secrets: [secret] })

/**
 * For a describe block: test/flask-app.py with `secretKey` as its SECRET_KEY, started before the
 * block's tests and stopped after them, and how to talk to it.
 */
function flaskApp(secretKey: string) {
  let flask: ChildProcess | undefined
  let base = ''

  beforeAll(async () => {
    if (!hasFlask) {
      throw new Error(
        `CI requires Flask for this test, but ${PYTHON} cannot import flask. Install it with: ${HOW_TO_INSTALL}`,
      )
    }
    const child = spawn(PYTHON, [APP], {
      env: {
        ...process.env,
        FLASK_SECRET_KEY: secretKey,
        FLASK_SESSION_LIFETIME: String(LIFETIME),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    flask = child
    base = `http://127.0.0.1:${await readPort(child)}`
  }, START_TIMEOUT + 5_000)

  afterAll(async () => {
    if (flask === undefined || flask.exitCode !== null || flask.signalCode !== null) return
    const exited = once(flask, 'exit')
    flask.kill('SIGTERM')
    const timer = setTimeout(() => flask?.kill('SIGKILL'), 5_000)
    await exited
    clearTimeout(timer)
  })

  const get = (path: string, cookie?: string) =>
    fetch(`${base}${path}`, {
      headers: cookie === undefined ? {} : { cookie: `session=${cookie}` },
      signal: AbortSignal.timeout(REQUEST_TIMEOUT),
    })
  const flaskSees = async (cookie: string) => (await get('/get', cookie)).json()
  return { get, flaskSees }
}

const sessionCookieOf = (response: Response) =>
  response.headers
    .getSetCookie()
    .find((line) => line.startsWith('session='))
    ?.slice('session='.length)
    .split(';')[0]

describe.runIf(hasFlask || IN_CI)('Flask live interop', () => {
  const { get, flaskSees } = flaskApp(secret)

  it('decodes a session cookie minted by Flask', async () => {
    const cookie = sessionCookieOf(await get('/set?username=john'))
    expect(await codec.decode(cookie ?? '', { maxAge: LIFETIME })).toMatchObject({
      valid: true,
      data: { username: 'john', _permanent: true, _flashes: [['message', 'Hello, john!']] },
      rotated: false,
    })
  })

  it("decodes Flask's compressed cookie, inflating Python's zlib output", async () => {
    const cookie = sessionCookieOf(await get('/set?username=ada&items=150')) ?? ''
    expect(cookie.startsWith('.')).toBe(true)
    const result = await codec.decode(cookie, { maxAge: LIFETIME })
    expect(result.valid && result.data.items).toEqual(
      Array.from({ length: 150 }, (_, i) => `item-${i}`),
    )
  })

  it('has Flask read a cookie encoded in TypeScript, with its Python types', async () => {
    const cookie = await codec.encode({
      username: 'grace',
      _permanent: true,
      _flashes: [['message', 'Saved from TypeScript']],
      seen: new Date('2024-02-29T23:59:58Z'),
      raw: new Uint8Array([0, 255, 1]),
      big: 2n ** 64n,
      'clé 😀': 'ü',
      tagLike: { ' t': [1] },
    })
    expect(await flaskSees(cookie)).toEqual({
      username: 'grace',
      _permanent: true,
      _flashes: [{ $tuple: ['message', 'Saved from TypeScript'] }],
      seen: { $date: Date.UTC(2024, 1, 29, 23, 59, 58) / 1000 },
      raw: { $bytes: 'AP8B' },
      big: { $int: '18446744073709551616' },
      'clé 😀': 'ü',
      tagLike: { ' t': [1] },
    })
  })

  it("has Flask inflate TypeScript's compressed cookie, made by Node's zlib", async () => {
    const items = Array.from({ length: 150 }, (_, i) => `item-${i}`)
    const cookie = await codec.encode({ username: 'linus', items })
    expect(cookie.startsWith('.')).toBe(true)
    expect(await flaskSees(cookie)).toEqual({ username: 'linus', items })
  })

  it("delivers TypeScript's flashes through Flask's get_flashed_messages", async () => {
    const cookie = await codec.encode({ _flashes: [['error', 'Invalid password']] })
    const response = await get('/flashes', cookie)
    expect(await response.json()).toEqual([['error', 'Invalid password']])
  })

  it('has Flask reject a TypeScript cookie signed with another secret', async () => {
    const stranger = createFlaskCodec({ secrets: [randomBytes(32).toString('hex')] })
    expect(await flaskSees(await stranger.encode({ username: 'mallory' }))).toEqual({})
  })

  it('has Flask expire a TypeScript cookie older than PERMANENT_SESSION_LIFETIME', async () => {
    const old = new Date(Date.now() - (LIFETIME + 60) * 1000)
    expect(await flaskSees(await codec.encode({ username: 'old' }, old))).toEqual({})
  })

  it('round-trips a Flask session through TypeScript and back', async () => {
    const minted = await codec.decode(sessionCookieOf(await get('/set?username=ken')) ?? '')
    if (!minted.valid) throw new Error(`Flask's cookie did not decode: ${minted.reason}`)
    const cookie = await codec.encode({ ...minted.data, role: 'admin' })
    expect(await flaskSees(cookie)).toEqual({
      username: 'ken',
      role: 'admin',
      _permanent: true,
      _flashes: [{ $tuple: ['message', 'Hello, ken!'] }],
    })
  })
})

describe.runIf(hasFlask || IN_CI)(
  "Flask live interop with the seed app's 11-byte key",
  async () => {
    // The seed's own Flask app: `app.secret_key = 'mysecretkey'`.
    const SEED_KEY = 'mysecretkey'
    const { get, flaskSees } = flaskApp(SEED_KEY)

    const app = (options: Partial<SessionOptions>) =>
      withSession({ secret: SEED_KEY, format: 'flask', ...options }, (request, { session }) => {
        if (new URL(request.url).pathname === '/login') session.set('username', 'ada')
        return new Response(String(session.get('username') ?? 'nobody'))
      })

    afterEach(() => {
      vi.restoreAllMocks()
    })

    it('refuses the key by default, as every format does', async () => {
      expect(codeOf(() => app({}))).toBe('SECRET_TOO_SHORT')
    })

    it('shares a login both ways under allowWeakFlaskSecret, with one warning at start-up', async () => {
      const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
      const handler = app({ allowWeakFlaskSecret: true })
      expect(warn).toHaveBeenCalledTimes(1)
      expect(String(warn.mock.calls[0]![0])).toMatch(/allowWeakFlaskSecret/)
      expect(String(warn.mock.calls[0]![0])).not.toContain(SEED_KEY)
      // Flask's cookie logs in on crumbs…
      const minted = sessionCookieOf(await get('/set?username=john')) ?? ''
      const seen = await handler(
        new Request('http://localhost/', { headers: { cookie: `session=${minted}` } }),
      )
      expect(await seen.text()).toBe('john')
      // …and crumbs' cookie on Flask.
      const login = await handler(new Request('http://localhost/login'))
      expect(await flaskSees(sessionCookieOf(login) ?? '')).toMatchObject({ username: 'ada' })
    })
  },
)

/** Resolves with the port the app prints, or rejects on exit, error or timeout. */
function readPort(child: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    let stdout = ''
    let stderr = ''
    const fail = (why: string) => {
      clearTimeout(timer)
      reject(new Error(`Flask app did not start (${why}). stderr:\n${stderr}`))
    }
    const timer = setTimeout(() => fail(`no port after ${START_TIMEOUT} ms`), START_TIMEOUT)
    child.stderr?.on('data', async (chunk: Buffer) => {
      stderr += chunk.toString()
    })
    child.stdout?.on('data', async (chunk: Buffer) => {
      stdout += chunk.toString()
      const match = /^PORT (\d+)$/m.exec(stdout)
      if (match) {
        clearTimeout(timer)
        resolve(Number(match[1]))
      }
    })
    child.once('error', async (error) => fail(error.message))
    child.once('exit', async (code) => fail(`exited with code ${code}`))
  })
}
