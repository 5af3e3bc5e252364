import { CrumbsError } from '../errors.js'
import { type Keyring, type KeyringImpl, resolveKeyring } from './keyring.js'

/** What every signed or sealed token is bound to: the secrets, the cookie name and a purpose. */
export interface TokenOptions {
  /** The keyring: its first secret signs or seals, every secret verifies or unseals. */
  keys: Keyring
  /** The cookie name; a token made for one name does not verify under another. */
  name: string
  /**
   * What the token is for, bound into the derived key, so tokens of one purpose (a session, a
   * CSRF token) never verify as another.
   * @default 'cookie'
   */
  purpose?: string
}

/** Defaults of {@link TokenOptions}. */
export const TOKEN_DEFAULTS = /* @__PURE__ */ Object.freeze({ purpose: 'cookie' })

/** {@link TokenOptions} after validation. @internal */
export interface ResolvedTokenOptions {
  readonly keyring: KeyringImpl
  readonly name: string
  readonly purpose: string
}

/**
 * Validates the options shared by sign, unsign, seal and unseal; throws `INVALID_OPTION`.
 * It runs per call, so it returns a plain object instead of freezing one. @internal
 */
export function resolveTokenOptions(options: TokenOptions): ResolvedTokenOptions {
  if (typeof options !== 'object' || options === null) {
    throw new CrumbsError('INVALID_OPTION', 'Options with `keys` and `name` are required.')
  }
  const keyring = resolveKeyring(options.keys)
  const { name } = options
  if (typeof name !== 'string' || name === '') {
    throw new CrumbsError('INVALID_OPTION', 'options.name must be the non-empty cookie name.')
  }
  const purpose = options.purpose ?? TOKEN_DEFAULTS.purpose
  if (typeof purpose !== 'string' || purpose === '') {
    throw new CrumbsError('INVALID_OPTION', 'options.purpose must be a non-empty string.')
  }
  return { keyring, name, purpose }
}
