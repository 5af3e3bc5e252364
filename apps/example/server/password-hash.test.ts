import { describe, expect, it } from 'vitest'
import { hashPassword, verifyPassword } from './password-hash.js'

describe('hashPassword', () => {
  it('never contains the password and salts every hash', async () => {
    const [one, two] = await Promise.all([hashPassword('password123'), hashPassword('password123')])
    expect(one).not.toContain('password123')
    expect(one).toMatch(/^scrypt\$16384\$8\$1\$[\w-]{22}\$[\w-]{86}$/)
    expect(one).not.toBe(two)
  })
})

describe('verifyPassword', () => {
  it('accepts the right password and refuses a wrong one', async () => {
    const stored = await hashPassword('secret123')
    expect(await verifyPassword('secret123', stored)).toBe(true)
    expect(await verifyPassword('secret124', stored)).toBe(false)
    expect(await verifyPassword('', stored)).toBe(false)
  })

  it.each([
    ['an empty string', ''],
    ['another scheme', 'bcrypt$10$abc$def'],
    ['a missing hash', 'scrypt$16384$8$1$c2FsdA'],
    ['a zero cost', 'scrypt$0$8$1$c2FsdA$aGFzaA'],
    ['a short hash', 'scrypt$16384$8$1$c2FsdA$aGFzaA'],
  ])('matches nothing against %s', async (_name, stored) => {
    expect(await verifyPassword('anything', stored)).toBe(false)
  })
})
