import { CrumbsError } from '../errors.js'
import { randomToken } from '../random/random-token.js'

/** Bytes of CSPRNG output in a session id: 256 bits, well past the 128 OWASP asks for. */
const ID_BYTES = 32
const ID_PATTERN = /^[A-Za-z0-9_-]{43}$/

/** A new session id: 32 bytes from the platform CSPRNG, base64url (43 characters). */
export function generateSessionId(): string {
  return randomToken(ID_BYTES)
}

/** Whether `id` has the shape of {@link generateSessionId}'s output. */
export function isSessionId(id: unknown): id is string {
  return typeof id === 'string' && ID_PATTERN.test(id)
}

/** Throws `INVALID_SESSION_ID` unless `id` has the shape of a generated id; stores call it first. */
export function assertSessionId(id: unknown): asserts id is string {
  if (!isSessionId(id)) {
    throw new CrumbsError('INVALID_SESSION_ID', 'A session id must be 43 base64url characters.')
  }
}
