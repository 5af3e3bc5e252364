import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { createUserDirectory, DEMO_USERS } from './user-directory.js'

describe('createUserDirectory', () => {
  it('authenticates the seeded users and nobody else', async () => {
    const users = await createUserDirectory(new Database(':memory:'))
    await users.seed(DEMO_USERS)
    expect(await users.authenticate('john', 'password123')).toBe('john')
    expect(await users.authenticate('jane', 'secret123')).toBe('jane')
    expect(await users.authenticate('john', 'secret123')).toBeUndefined()
    expect(await users.authenticate('nobody', 'password123')).toBeUndefined()
    expect(await users.authenticate('john', 'x'.repeat(10_000))).toBeUndefined()
  })

  it('stores scrypt hashes, never the passwords', async () => {
    const db = new Database(':memory:')
    await (await createUserDirectory(db)).seed(DEMO_USERS)
    const rows = db.prepare('SELECT * FROM users').all()
    const dump = JSON.stringify(rows)
    expect(rows).toHaveLength(2)
    expect(dump).not.toContain('password123')
    expect(dump).not.toContain('secret123')
    expect(dump).toContain('scrypt$')
  })

  it('keeps an existing password when seeding again', async () => {
    const db = new Database(':memory:')
    const users = await createUserDirectory(db)
    await users.seed([{ username: 'john', password: 'changed-later' }])
    await users.seed(DEMO_USERS)
    expect(await users.authenticate('john', 'changed-later')).toBe('john')
    expect(await users.authenticate('john', 'password123')).toBeUndefined()
    expect(await users.authenticate('jane', 'secret123')).toBe('jane')
  })
})
