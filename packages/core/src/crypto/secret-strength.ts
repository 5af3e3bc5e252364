import { CrumbsError } from '../errors.js'
import { GENERATE_HINT } from '../internal/generate-hint.js'

/** Where a secret sits, and what to tell its owner, for {@link checkSecretStrength}'s error. */
export interface SecretStrengthOptions {
  /** The secret's position in its list, for the message and `details.index`. @default 0 */
  index?: number
  /**
   * The sentence that says how to generate a good secret.
   * @default the `node -e …` and `openssl rand -base64 32` commands
   */
  hint?: string
}

/** Shortest secret accepted, in bytes: 256 bits, the strength of the keys derived from it. */
export const MIN_SECRET_BYTES = 32

/** Fewest bits the estimate must reach: below 2^64 guesses, an offline search is feasible. */
const MIN_SECRET_BITS = 64

const utf8 = /* @__PURE__ */ new TextEncoder()

/**
 * Throws `SECRET_TOO_SHORT` for a secret under {@link MIN_SECRET_BYTES} bytes and `SECRET_WEAK`
 * for one too predictable to key signatures and seals, judged by an
 * empirical Shannon-entropy estimate over its bytes (a string's UTF-8 bytes): the length times
 * the entropy of its byte frequencies, in bits, which must reach 64. A secret that repeats a unit
 * at least twice (`'password'.repeat(4)`, a key pasted twice) is judged by that unit alone.
 *
 * It catches mistakes (`'a'.repeat(32)`, `'abcd'.repeat(8)`, `'0'.repeat(64)`, a zeroed
 * buffer), not weak passwords: a secret of varied characters passes whatever they mean. It
 * never refuses a secret from a CSPRNG in the usual encodings: 32 bytes raw, in base64,
 * base64url or hex, 16 bytes in hex, or a UUID; for the weakest of these, a 128-bit key in
 * 32 hex characters, the chance is about 7·10⁻¹⁵ (docs/architecture/secret-strength.md).
 * `createKeyring` checks every secret with it; a codec that keys its own MAC from a secret (the
 * Flask format) calls it directly.
 *
 * @example
 * checkSecretStrength(process.env.SECRET_KEY ?? '', { index: 0 })
 */
export function checkSecretStrength(
  secret: string | Uint8Array,
  options: SecretStrengthOptions = {},
): void {
  const { index = 0, hint = GENERATE_HINT } = options
  const bytes = typeof secret === 'string' ? utf8.encode(secret) : secret
  if (bytes.length < MIN_SECRET_BYTES) {
    throw new CrumbsError(
      'SECRET_TOO_SHORT',
      `Secret ${index} is ${bytes.length} bytes; at least ${MIN_SECRET_BYTES} are required. ${hint}`,
      { details: { index, bytes: bytes.length, minBytes: MIN_SECRET_BYTES } },
    )
  }
  const bits = estimateBits(bytes)
  if (bits >= MIN_SECRET_BITS) return
  const estimatedBits = Math.floor(bits)
  throw new CrumbsError(
    'SECRET_WEAK',
    `Secret ${index} is too predictable: its bytes carry about ${estimatedBits} bits by their ` +
      `frequencies, and at least ${MIN_SECRET_BITS} are required. ${hint}`,
    { details: { index, estimatedBits, minBits: MIN_SECRET_BITS } },
  )
}

/**
 * `n·log2(n) − Σ c·log2(c)` over the byte counts `c` of the shortest unit that `bytes` repeats
 * at least twice, or of all of `bytes` when it repeats none: the unit's length times its
 * empirical Shannon entropy per byte.
 */
function estimateBits(bytes: Uint8Array): number {
  const unit = repeatedUnitLength(bytes)
  if (unit === 0) return 0
  const counts = new Uint32Array(256)
  for (let i = 0; i < unit; i++) counts[bytes[i]!]!++
  let bits = unit * Math.log2(unit)
  for (const count of counts) if (count > 1) bits -= count * Math.log2(count)
  return bits
}

/**
 * The length of the shortest unit that `bytes` repeats at least twice (a last copy may be
 * cut short), or `bytes.length` when there is none: the shortest period, from the
 * Knuth–Morris–Pratt failure function, in linear time.
 */
function repeatedUnitLength(bytes: Uint8Array): number {
  const length = bytes.length
  if (length < 2) return length
  // border[i]: the length of the longest proper prefix of bytes[0..i] that is also its suffix.
  const border = new Uint32Array(length)
  for (let i = 1; i < length; i++) {
    let k = border[i - 1]!
    while (k > 0 && bytes[i] !== bytes[k]) k = border[k - 1]!
    if (bytes[i] === bytes[k]) k++
    border[i] = k
  }
  const period = length - border[length - 1]!
  return period * 2 <= length ? period : length
}
