import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto'

/** scrypt cost parameters (RFC 7914): N = 2^14, r = 8, p = 1, about 16 MiB and 50 ms a hash. */
const N = 16_384
const R = 8
const P = 1
const KEY_BYTES = 64
const SALT_BYTES = 16

function derive(password: string, salt: Buffer, n: number, r: number, p: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password, salt, KEY_BYTES, { N: n, r, p, maxmem: 128 * n * r * 2 }, (error, key) =>
      error ? reject(error) : resolve(key),
    )
  })
}

/**
 * Hashes a password with scrypt and a fresh 128-bit salt, as `scrypt$N$r$p$salt$hash`
 * (base64url), so the cost can rise later without breaking stored hashes.
 */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES)
  const key = await derive(password, salt, N, R, P)
  return ['scrypt', N, R, P, salt.toString('base64url'), key.toString('base64url')].join('$')
}

/**
 * Whether `password` matches a hash from {@link hashPassword}, compared in constant time. A
 * malformed hash matches nothing.
 */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$')
  if (scheme !== 'scrypt' || salt === undefined || hash === undefined) return false
  const cost = [Number(n), Number(r), Number(p)] as const
  if (!cost.every((c) => Number.isInteger(c) && c > 0)) return false
  const expected = Buffer.from(hash, 'base64url')
  if (expected.length !== KEY_BYTES) return false
  const actual = await derive(password, Buffer.from(salt, 'base64url'), ...cost)
  return timingSafeEqual(actual, expected)
}
