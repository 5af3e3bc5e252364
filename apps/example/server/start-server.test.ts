import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { Browser } from '../test/harness/browser.js'
import { startExample } from '../test/harness/start-example.js'
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
