import { Buffer } from 'node:buffer'
import { CrumbsError } from '@crumbs/core'

/** Options for {@link createFlaskCodec}. */
export interface FlaskCodecOptions {
  /**
   * Flask's `SECRET_KEY` first, then any `SECRET_KEY_FALLBACKS`, newest to oldest; the first
   * signs and all verify. Each must be at least 32 bytes of UTF-8 (stricter than Flask).
   */
  secrets: readonly string[]
  /**
   * The itsdangerous salt, Flask's `SecureCookieSessionInterface.salt`.
   * @default 'cookie-session'
   */
  salt?: string
}

/** {@link FlaskCodecOptions} after validation. */
export interface ResolvedFlaskCodecOptions {
  readonly secrets: readonly string[]
  readonly salt: string
}

/** Defaults for {@link FlaskCodecOptions}. */
export const FLASK_CODEC_DEFAULTS = Object.freeze({ salt: 'cookie-session' })

/** Shortest secret crumbs accepts, in bytes. */
export const MIN_SECRET_BYTES = 32

const HOW_TO_GENERATE =
  "Generate one with: python3 -c 'import secrets; print(secrets.token_hex(32))'"

/**
 * Validates and freezes {@link FlaskCodecOptions}: no secret or an empty one throws
 * `SECRET_MISSING`, one under 32 bytes `SECRET_TOO_SHORT`, a wrong type `INVALID_OPTION`.
 */
export function resolveFlaskCodecOptions(options: FlaskCodecOptions): ResolvedFlaskCodecOptions {
  if (typeof options !== 'object' || options === null) {
    throw new CrumbsError('INVALID_OPTION', 'createFlaskCodec needs an options object.')
  }
  const { secrets, salt = FLASK_CODEC_DEFAULTS.salt } = options
  if (secrets === undefined || (Array.isArray(secrets) && secrets.length === 0)) {
    throw new CrumbsError('SECRET_MISSING', `The Flask codec needs a secret. ${HOW_TO_GENERATE}`)
  }
  if (!Array.isArray(secrets)) {
    throw new CrumbsError('INVALID_OPTION', '`secrets` must be an array of strings.')
  }
  for (const [index, secret] of (secrets as readonly unknown[]).entries())
    checkSecret(secret, index)
  if (typeof salt !== 'string' || salt === '') {
    throw new CrumbsError('INVALID_OPTION', '`salt` must be a non-empty string.')
  }
  return Object.freeze({ secrets: Object.freeze([...secrets]), salt })
}

function checkSecret(secret: unknown, index: number): void {
  if (typeof secret !== 'string') {
    throw new CrumbsError('INVALID_OPTION', `secrets[${index}] must be a string.`, {
      details: { index },
    })
  }
  if (secret === '') {
    throw new CrumbsError('SECRET_MISSING', `secrets[${index}] is empty. ${HOW_TO_GENERATE}`, {
      details: { index },
    })
  }
  const bytes = Buffer.byteLength(secret, 'utf8')
  if (bytes < MIN_SECRET_BYTES) {
    throw new CrumbsError(
      'SECRET_TOO_SHORT',
      `secrets[${index}] is ${bytes} bytes; crumbs needs at least ${MIN_SECRET_BYTES}. ${HOW_TO_GENERATE}`,
      { details: { index, bytes, minimum: MIN_SECRET_BYTES } },
    )
  }
}
