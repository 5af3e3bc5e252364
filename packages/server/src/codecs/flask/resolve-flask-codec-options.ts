import { CrumbsError } from '@crumbs/core'
import { checkSecretStrength } from '@crumbs/core/engine'

/** Options for {@link createFlaskCodec}. */
export interface FlaskCodecOptions {
  /**
   * Flask's `SECRET_KEY` first, then any `SECRET_KEY_FALLBACKS`, newest to oldest; the first
   * signs and all verify. Each must be at least 32 bytes of UTF-8 and not predictable
   * (`SECRET_WEAK`), the rules of `createKeyring`, stricter than Flask.
   */
  secrets: readonly string[]
  /**
   * Accept secrets under 32 bytes or too predictable, as Flask does (`'mysecretkey'`): a
   * migration aid for sharing sessions with a Flask app whose key cannot change yet. Anyone who
   * guesses such a key can forge sessions; rotate it (docs/architecture/secrets-and-rotation.md).
   * @default false
   */
  allowWeakSecret?: boolean
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
  readonly allowWeakSecret: boolean
}

/** Defaults for {@link FlaskCodecOptions}. */
export const FLASK_CODEC_DEFAULTS = Object.freeze({
  salt: 'cookie-session',
  allowWeakSecret: false,
})

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
  const {
    secrets,
    salt = FLASK_CODEC_DEFAULTS.salt,
    allowWeakSecret = FLASK_CODEC_DEFAULTS.allowWeakSecret,
  } = options
  if (secrets === undefined || (Array.isArray(secrets) && secrets.length === 0)) {
    throw new CrumbsError('SECRET_MISSING', `The Flask codec needs a secret. ${HOW_TO_GENERATE}`)
  }
  if (!Array.isArray(secrets)) {
    throw new CrumbsError('INVALID_OPTION', '`secrets` must be an array of strings.')
  }
  if (typeof allowWeakSecret !== 'boolean') {
    throw new CrumbsError('INVALID_OPTION', '`allowWeakSecret` must be true or false.')
  }
  for (const [index, secret] of (secrets as readonly unknown[]).entries()) {
    checkSecret(secret, index, allowWeakSecret)
  }
  if (typeof salt !== 'string' || salt === '') {
    throw new CrumbsError('INVALID_OPTION', '`salt` must be a non-empty string.')
  }
  return Object.freeze({ secrets: Object.freeze([...secrets]), salt, allowWeakSecret })
}

function checkSecret(secret: unknown, index: number, allowWeak: boolean): void {
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
  // Core's rules (SECRET_TOO_SHORT, SECRET_WEAK), with Flask's way of making a key in the message.
  if (!allowWeak) checkSecretStrength(secret, { index, hint: HOW_TO_GENERATE })
}
