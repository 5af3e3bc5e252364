import type { Database } from 'better-sqlite3'
import { hashPassword, verifyPassword } from './password-hash.js'

/** A user to create at start-up when missing. */
export interface SeedUser {
  readonly username: string
  readonly password: string
}

/** The example's users, kept in SQLite with scrypt hashes (never the password itself). */
export interface UserDirectory {
  /** Creates each user that does not exist yet; existing users keep their password. */
  seed(users: readonly SeedUser[]): Promise<void>
  /** The username when the password is right, else `undefined`. */
  authenticate(username: string, password: string): Promise<string | undefined>
}

/** The seed's two users. */
export const DEMO_USERS: readonly SeedUser[] = Object.freeze([
  { username: 'john', password: 'password123' },
  { username: 'jane', password: 'secret123' },
])

/** Longest username or password considered; longer input is refused before hashing. */
const MAX_INPUT = 256

/**
 * Opens the `users` table in `db` (creating it when missing). `authenticate` spends the same
 * scrypt work on unknown names as on known ones, so response times do not reveal who exists.
 */
export async function createUserDirectory(db: Database): Promise<UserDirectory> {
  db.exec(`CREATE TABLE IF NOT EXISTS users (
    username TEXT PRIMARY KEY NOT NULL,
    password_hash TEXT NOT NULL,
    created_at INTEGER NOT NULL
  ) STRICT`)
  const find = db.prepare<[string], { password_hash: string }>(
    'SELECT password_hash FROM users WHERE username = ?',
  )
  const insert = db.prepare<[string, string, number]>(
    'INSERT OR IGNORE INTO users (username, password_hash, created_at) VALUES (?, ?, ?)',
  )
  const decoy = await hashPassword('not a real password')

  return {
    async seed(users) {
      for (const { username, password } of users) {
        if (find.get(username) !== undefined) continue
        insert.run(username, await hashPassword(password), Math.floor(Date.now() / 1000))
      }
    },
    async authenticate(username, password) {
      if (username.length > MAX_INPUT || password.length > MAX_INPUT) return undefined
      const row = find.get(username)
      const ok = await verifyPassword(password, row?.password_hash ?? decoy)
      return ok && row !== undefined ? username : undefined
    },
  }
}
