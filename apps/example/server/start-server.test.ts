import { chmodSync, readdirSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it, vi } from 'vitest'
import { Browser, parseSetCookieLine } from '../test/harness/browser.js'
import { closedPort } from '../test/harness/closed-port.js'
import { newSecretKey, startExample } from '../test/harness/start-example.js'
import { tempDir } from '../test/harness/temp-dir.js'
import { StartupError } from './startup-error.js'

describe('startServer demo users', () => {
  it('does not create them under NODE_ENV=production', async () => {
    const { base, appDir } = await startExample({ NODE_ENV: 'production' })
    const response = await new Browser(base).tryLogIn('john', 'password123')
    expect(response.status).toBe(401)
    const db = new Database(`${appDir}/.data/example.db`, { readonly: true })
    expect(db.prepare('SELECT username FROM users').all()).toEqual([])
    db.close()
  })

  it('creates them under NODE_ENV=production with SEED_DEMO_USERS=1', async () => {
    const { base } = await startExample({ NODE_ENV: 'production', SEED_DEMO_USERS: '1' })
    expect((await new Browser(base).tryLogIn('john', 'password123')).status).toBe(303)
  })

  it('creates them outside production', async () => {
    const { base } = await startExample({})
    expect((await new Browser(base).tryLogIn('jane', 'secret123')).status).toBe(303)
  })

  it('refuses to start in production on a database that still has a demo password', async () => {
    const appDir = tempDir()
    await (await startExample({}, appDir)).close()
    const start = startExample({ NODE_ENV: 'production' }, appDir)
    await expect(start).rejects.toThrow(StartupError)
    await expect(startExample({ NODE_ENV: 'production' }, appDir)).rejects.toMatchObject({
      variable: 'SEED_DEMO_USERS',
    })
  })
})

describe('startServer files', () => {
  const mode = (path: string) => statSync(path).mode & 0o777

  it('keeps the data folder 0700 and every file in it 0600', async () => {
    // No SECRET_KEY: the generated development key is kept in the folder too.
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const { base, appDir } = await startExample({ SECRET_KEY: '' })
    warn.mockRestore()
    await new Browser(base).logIn('john', 'password123')
    const data = join(appDir, '.data')
    expect(mode(data)).toBe(0o700)
    const files = readdirSync(data)
    expect(files).toEqual(expect.arrayContaining(['example.db', 'example.db-wal', 'secret-key']))
    for (const file of files) expect([file, mode(join(data, file))]).toEqual([file, 0o600])
  })

  it('creates the folders of DATABASE_PATH 0700 and the database 0600', async () => {
    const path = join(tempDir(), 'var', 'lib', 'example.db')
    await startExample({ DATABASE_PATH: path })
    expect(mode(join(path, '..'))).toBe(0o700)
    expect(mode(join(path, '..', '..'))).toBe(0o700)
    expect(mode(path)).toBe(0o600)
  })

  it('makes an existing database readable by its owner only', async () => {
    const path = join(tempDir(), 'example.db')
    writeFileSync(path, '')
    chmodSync(path, 0o644)
    await startExample({ DATABASE_PATH: path })
    expect(mode(path)).toBe(0o600)
  })
})

describe('startServer secret rotation', () => {
  /** A browser on `base` holding `session` as its session cookie. */
  const withSession = (base: string, session: string) => {
    const browser = new Browser(base)
    browser.jar.set('session', session)
    return browser
  }

  it('keeps sessions made under the old key with SECRET_KEY_FALLBACKS, re-issued under the new', async () => {
    const appDir = tempDir()
    const [oldKey, newKey] = [newSecretKey(), newSecretKey()]
    const before = await startExample({ SECRET_KEY: oldKey }, appDir)
    const browser = new Browser(before.base)
    await browser.logIn('john', 'password123')
    const oldCookie = browser.jar.get('session')!
    await before.close()

    const rotated = await startExample(
      { SECRET_KEY: newKey, SECRET_KEY_FALLBACKS: ` ${oldKey} ` },
      appDir,
    )
    const returning = withSession(rotated.base, oldCookie)
    const page = await returning.send('/')
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('Welcome, john!')
    const reissued = returning.jar.get('session')!
    expect(reissued).not.toBe(oldCookie)
    await rotated.close()

    // Once the old key is dropped, the re-issued cookie still works and the old one does not.
    const after = await startExample({ SECRET_KEY: newKey }, appDir)
    expect((await withSession(after.base, reissued).send('/')).status).toBe(200)
    expect((await withSession(after.base, oldCookie).send('/')).status).toBe(302)
  })
})

describe('startServer errors', () => {
  it('names an unreachable Redis without its credentials', async () => {
    const url = `redis://admin:hunter2-secret@127.0.0.1:${await closedPort()}`
    const log = vi.spyOn(console, 'error').mockImplementation(() => {})
    const start = startExample({ REDIS_URL: url })
    await expect(start).rejects.toBeInstanceOf(StartupError)
    const error = (await start.catch((e: unknown) => e)) as StartupError
    log.mockRestore()
    expect(error.variable).toBe('REDIS_URL')
    expect(error.message).toContain('redis://***@127.0.0.1:')
    expect(error.message).not.toMatch(/hunter2|admin/)
    for (const call of log.mock.calls) expect(String(call)).not.toMatch(/hunter2/)
  })
})

describe('startServer TRUST_PROXY', () => {
  const proxied = { host: 'app.example', 'x-forwarded-proto': 'https' }

  it('behind a TLS proxy with TRUST_PROXY=1, sends Secure cookies and takes https as its origin', async () => {
    const { base } = await startExample({ TRUST_PROXY: '1', SEED_DEMO_USERS: '1' })
    const browser = new Browser(base, proxied)
    const lines = (await browser.send('/login')).headers.getSetCookie().map(parseSetCookieLine)
    const secure = Object.fromEntries(lines.map((c) => [c.name, c.attributes.includes('secure')]))
    expect(secure).toEqual({ '__Host-session-csrf': true, csrf_token: true })
    const csrf_token = await browser.formToken()
    const fields = { csrf_token, username: 'john', password: 'password123' }
    const login = await browser.postForm('/login', fields, { origin: 'https://app.example' })
    expect(login.status).toBe(303)
  })

  it('without TRUST_PROXY, refuses the proxied https origin as cross-site', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    const { base } = await startExample({})
    const browser = new Browser(base, proxied)
    const csrf_token = await browser.formToken()
    const fields = { csrf_token, username: 'john', password: 'password123' }
    const login = await browser.postForm('/login', fields, { origin: 'https://app.example' })
    vi.restoreAllMocks()
    expect(login.status).toBe(403)
  })
})
