import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { describeWithPostgres, freshSchema, openPool } from '../test/harness/postgres-env.js'
import { POSTGRES_USERS_TABLE, postgresUserRows } from './postgres-user-rows.js'
import { sqliteUserRows } from './sqlite-user-rows.js'
import { createUserDirectory, DEMO_USERS, type UserRows } from './user-directory.js'

/** A fresh database's user rows, and every row of its users table for inspection. */
interface OpenedRows {
  readonly rows: UserRows
  dump(): Promise<unknown[]>
}

/** The UserDirectory contract, run against each database's rows. */
function describeUserDirectory(name: string, open: () => Promise<OpenedRows>): void {
  describe(`createUserDirectory over ${name}`, () => {
    it('authenticates the seeded users and nobody else', async () => {
      const users = await createUserDirectory((await open()).rows)
      await users.seed(DEMO_USERS)
      expect(await users.authenticate('john', 'password123')).toBe('john')
      expect(await users.authenticate('jane', 'secret123')).toBe('jane')
      expect(await users.authenticate('john', 'secret123')).toBeUndefined()
      expect(await users.authenticate('nobody', 'password123')).toBeUndefined()
      expect(await users.authenticate('John', 'password123')).toBeUndefined()
      expect(await users.authenticate('john', 'x'.repeat(10_000))).toBeUndefined()
    })

    it.each([
      ['a NUL', 'jo\0hn'],
      ['a lone surrogate', 'jo\uD800hn'],
    ])('refuses a name with %s without a database error', async (_what, username) => {
      const users = await createUserDirectory((await open()).rows)
      await users.seed(DEMO_USERS)
      expect(await users.authenticate(username, 'password123')).toBeUndefined()
    })

    it('stores scrypt hashes, never the passwords', async () => {
      const opened = await open()
      await (await createUserDirectory(opened.rows)).seed(DEMO_USERS)
      const rows = await opened.dump()
      const dump = JSON.stringify(rows)
      expect(rows).toHaveLength(2)
      expect(dump).not.toContain('password123')
      expect(dump).not.toContain('secret123')
      expect(dump).toContain('scrypt$')
    })

    it('keeps an existing password when seeding again', async () => {
      const users = await createUserDirectory((await open()).rows)
      await users.seed([{ username: 'john', password: 'changed-later' }])
      await users.seed(DEMO_USERS)
      expect(await users.authenticate('john', 'changed-later')).toBe('john')
      expect(await users.authenticate('john', 'password123')).toBeUndefined()
      expect(await users.authenticate('jane', 'secret123')).toBe('jane')
    })

    it('spends a hash on unknown names too', async () => {
      let verified = 0
      const hasher = {
        hash: async (password: string) => `plain$${password}`,
        verify: async (password: string, stored: string) => {
          verified++
          return stored === `plain$${password}`
        },
      }
      const users = await createUserDirectory((await open()).rows, hasher)
      await users.seed(DEMO_USERS)
      await users.authenticate('nobody', 'password123')
      await users.authenticate('john', 'wrong')
      expect(verified).toBe(2)
    })
  })
}

describeUserDirectory('SQLite', async () => {
  const db = new Database(':memory:')
  return {
    rows: sqliteUserRows(db),
    dump: async () => db.prepare('SELECT * FROM users').all(),
  }
})

describeWithPostgres('PostgreSQL user rows', () => {
  describeUserDirectory('PostgreSQL', async () => {
    const pool = openPool((await freshSchema('users')).url)
    return {
      rows: await postgresUserRows(pool),
      dump: async () => (await pool.query(`SELECT * FROM ${POSTGRES_USERS_TABLE}`)).rows,
    }
  })

  it('creates its table once when several instances start at once', async () => {
    const pool = openPool((await freshSchema('users')).url)
    const rows = await Promise.all(Array.from({ length: 6 }, () => postgresUserRows(pool)))
    await rows[0]!.insertIfMissing('ada', 'scrypt$x')
    expect(await rows[5]!.find('ada')).toBe('scrypt$x')
  })
})
