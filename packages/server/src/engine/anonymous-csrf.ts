import { type Keyring, randomToken } from '@crumbs/core'
import { type MaybePromise, signMaybeSync, thenMaybe, unsignMaybeSync } from '@crumbs/core/engine'

/** What a CSRF cookie's signature is bound to, beside the cookie name. */
const PURPOSE = 'anonymous-csrf'

/**
 * CSRF tokens for visitors without a session (a login form): a random token the page embeds,
 * and the same token signed, bound to its cookie's name and this purpose, in a cookie of its
 * own. A form then needs no stored session before login, so anonymous visitors cost no store
 * write; the signature keeps a token the server never issued out.
 */
export class AnonymousCsrf {
  readonly #keys: Keyring

  constructor(keys: Keyring) {
    this.#keys = keys
  }

  /** A new token. */
  create(): string {
    return randomToken()
  }

  /** The token a request's cookie carries, if its signature holds (a forged one is none). */
  read(value: string | undefined, cookieName: string): MaybePromise<string | undefined> {
    if (value === undefined) return undefined
    const verified = unsignMaybeSync(value, {
      keys: this.#keys,
      name: cookieName,
      purpose: PURPOSE,
    })
    return thenMaybe(verified, (result) => (result.valid ? result.value : undefined))
  }

  /** The cookie value that carries `token`. */
  cookieValue(token: string, cookieName: string): MaybePromise<string> {
    return signMaybeSync(token, { keys: this.#keys, name: cookieName, purpose: PURPOSE })
  }
}
