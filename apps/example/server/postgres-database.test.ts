import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { expect, it, vi } from 'vitest'
import { Browser } from '../test/harness/browser.js'
import { closedPort } from '../test/harness/closed-port.js'
import { describeWithPostgres, freshSchema, openPool } from '../test/harness/postgres-env.js'
import { newSecretKey, startExample } from '../test/harness/start-example.js'
import { StartupError } from './startup-error.js'

describeWithPostgres('the example on PostgreSQL (DATABASE_URL)', () => {
  it('keeps the users and the sessions in PostgreSQL, and opens no SQLite file', async () => {
    const { url } = await freshSchema()
    const { base, appDir } = await startExample({ DATABASE_URL: url })
    const browser = new Browser(base)
    await browser.logIn('john', 'password123')
    expect(await (await browser.send('/')).text()).toContain('PostgreSQL (127.0.0.1:5432/test)')

    const pool = openPool(url)
    const users = await pool.query('SELECT username, password_hash FROM example_users ORDER BY 1')
    expect(users.rows.map((r) => r.username)).toEqual(['jane', 'john'])
    expect(users.rows[0].password_hash).toMatch(/^scrypt\$/)
    const sessions = await pool.query("SELECT id FROM crumbs_sessions WHERE user_id = 'john'")
    expect(sessions.rowCount).toBe(1)
    expect(existsSync(join(appDir, '.data', 'example.db'))).toBe(false)
  })

  it('keeps a login across a restart', async () => {
    const { url } = await freshSchema()
    const env = { DATABASE_URL: url, SECRET_KEY: newSecretKey() }
    const first = await startExample(env)
    const browser = new Browser(first.base)
    await browser.logIn('jane', 'secret123')
    await first.close()

    const second = await startExample(env)
    const returning = new Browser(second.base)
    returning.jar.set('session', browser.jar.get('session')!)
    expect(await (await returning.send('/')).text()).toContain('Welcome, jane!')
  })

  it('refuses to start when PostgreSQL does not answer, naming DATABASE_URL and not its password', async () => {
    const url = `postgres://app:hunter2-secret@127.0.0.1:${await closedPort()}/app`
    const log = vi.spyOn(console, 'error').mockImplementation(() => {})
    const error = (await startExample({ DATABASE_URL: url }).catch((e: unknown) => e)) as Error
    log.mockRestore()
    expect(error).toBeInstanceOf(StartupError)
    expect(error).toMatchObject({ variable: 'DATABASE_URL' })
    expect(error.message).toContain('postgres://***@127.0.0.1:')
    expect(error.message).not.toContain('hunter2')
  })
})
