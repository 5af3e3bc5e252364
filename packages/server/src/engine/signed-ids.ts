import type { Keyring } from '@crumbs/core'
import {
  type MaybePromise,
  thenMaybe,
  timingSafeEqual,
  unsignMaybeSync,
  type VerifyResult,
} from '@crumbs/core/engine'

/** Characters of the base64url HMAC-SHA-256 tag after the `.` of a signed id. */
const MAC_LENGTH = 43

/** A signed id that verified: under which cookie name, with which tag, by an old secret or not. */
interface Verified {
  readonly name: string
  readonly mac: string
  readonly result: VerifyResult<string>
}

/**
 * Verifies the signed session ids of store-session cookies, remembering the ones that verified.
 *
 * A browser sends the same id cookie on every request of its session (it changes only on login,
 * rotation or a permanent session's refresh), and whether a token verifies depends only on the
 * token and the keyring, which never changes for an engine. So the tag found valid for an id is
 * kept, and the next request with that id compares its tag with the kept one, in constant time,
 * instead of computing the HMAC again. Only tokens that verified are kept: a forged one is
 * checked in full every time and never takes a place. The store lookup that follows is unchanged,
 * so a destroyed session is refused as before. Looking an id up leaks no more than the store's
 * own lookup by the same id does.
 */
export class SignedIds {
  readonly #keys: Keyring
  readonly #purpose: string
  readonly #limit: number
  /** By id, oldest first: past the limit the oldest goes (a re-verify, not a logout). */
  readonly #verified = new Map<string, Verified>()

  constructor(keys: Keyring, purpose: string, limit = 4096) {
    this.#keys = keys
    this.#purpose = purpose
    this.#limit = limit
  }

  /** `unsignMaybeSync(token, { keys, name, purpose })`, answered from memory when it can be. */
  verify(token: string, name: string): MaybePromise<VerifyResult<string>> {
    const dot = token.length - MAC_LENGTH - 1
    if (dot > 0) {
      const known = this.#verified.get(token.slice(0, dot))
      if (
        known !== undefined &&
        known.name === name &&
        token.charCodeAt(dot) === 0x2e &&
        timingSafeEqual(known.mac, token.slice(dot + 1))
      ) {
        return known.result
      }
    }
    const result = unsignMaybeSync(token, { keys: this.#keys, name, purpose: this.#purpose })
    return thenMaybe(result, (r) => this.#remember(token, name, r))
  }

  /** The number of ids kept, for tests. */
  get size(): number {
    return this.#verified.size
  }

  #remember(token: string, name: string, result: VerifyResult<string>): VerifyResult<string> {
    if (!result.valid) return result
    const verified = this.#verified
    const id = result.value
    verified.delete(id)
    if (verified.size >= this.#limit) verified.delete(verified.keys().next().value!)
    verified.set(id, { name, mac: token.slice(token.length - MAC_LENGTH), result })
    return result
  }
}
