import { hashPassword, verifyPassword } from './password-hash.js'

/** A user to create at start-up when missing. */
export interface SeedUser {
  readonly username: string
  readonly password: string
}

/** The example's users, with scrypt hashes (never the password itself). */
export interface UserDirectory {
  /** Creates each user that does not exist yet; existing users keep their password. */
  seed(users: readonly SeedUser[]): Promise<void>
  /** The username when the password is right, else `undefined`. */
  authenticate(username: string, password: string): Promise<string | undefined>
}

/** Hashes and checks passwords: scrypt, unless a test instruments it. */
export interface PasswordHasher {
  hash(password: string): Promise<string>
  verify(password: string, stored: string): Promise<boolean>
}

/** The scrypt hasher of password-hash.ts. */
export const SCRYPT_HASHER: PasswordHasher = Object.freeze({
  hash: hashPassword,
  verify: verifyPassword,
})

/** What a database keeps of the users: the one part that differs between SQLite and PostgreSQL. */
export interface UserRows {
  /** The stored hash of `username`, or `undefined` when there is no such user. */
  find(username: string): Promise<string | undefined>
  /** Adds the user unless one of that name exists (never overwrites a password). */
  insertIfMissing(username: string, passwordHash: string): Promise<void>
}

/** The seed's two users. */
export const DEMO_USERS: readonly SeedUser[] = Object.freeze([
  { username: 'john', password: 'password123' },
  { username: 'jane', password: 'secret123' },
])

/** Longest username or password considered; longer input is refused before hashing. */
const MAX_INPUT = 256

/**
 * A name a database can look up as it is: no NUL (PostgreSQL's text refuses it) and no lone
 * surrogate (a driver's UTF-8 would turn it into U+FFFD, the name of someone else).
 */
const storable = (name: string): boolean => !name.includes('\0') && !LONE_SURROGATE.test(name)

/** In unicode mode a surrogate pair is one code point, so `\p{Cs}` matches only lone halves. */
const LONE_SURROGATE = /\p{Cs}/u

/**
 * The users over `rows`. `authenticate` spends the same hashing work on unknown or unstorable
 * names as on known ones, so response times do not reveal who exists.
 */
export async function createUserDirectory(
  rows: UserRows,
  hasher: PasswordHasher = SCRYPT_HASHER,
): Promise<UserDirectory> {
  const decoy = await hasher.hash('not a real password')
  return {
    async seed(users) {
      for (const { username, password } of users) {
        if ((await rows.find(username)) !== undefined) continue
        await rows.insertIfMissing(username, await hasher.hash(password))
      }
    },
    async authenticate(username, password) {
      if (username.length > MAX_INPUT || password.length > MAX_INPUT) return undefined
      const stored = storable(username) ? await rows.find(username) : undefined
      const ok = await hasher.verify(password, stored ?? decoy)
      return ok && stored !== undefined ? username : undefined
    },
  }
}
