import { type CookieAttributes, type Keyring, serializeCookie, sign, unsign } from '@crumbs/core'
import { type CookieMap, ParsedCookies } from '@crumbs/core/engine'
import type { HttpPort } from './http-port.js'

/** Attributes of `setCookie`, plus `signed` to append an HMAC made with the session secret. */
export interface SetCookieOptions extends Omit<CookieAttributes, 'secure'> {
  /**
   * `Secure`, or `'auto'` for the session cookie's own rule on this request: Secure over TLS
   * (or a trusted proxy's https), always in production, and everywhere but plain-http
   * development on this machine. @default false (no Secure, as Flask's `set_cookie`)
   */
  secure?: boolean | 'auto'
  /** Sign the value (HMAC-SHA-256 bound to the cookie name); read it back with `getSigned`. @default false */
  signed?: boolean
}

/** Attributes of `deleteCookie`: where the cookie was set. */
export type DeleteCookieOptions = Omit<SetCookieOptions, 'expires' | 'maxAge' | 'signed'>

/** The request's cookies: read-only and Map-like, plus signed-cookie verification. */
export interface RequestCookies extends CookieMap {
  /** The value of a cookie set with `{ signed: true }`, or `undefined` when absent or tampered. */
  getSigned(name: string): Promise<string | undefined>
}

/** Request cookies plus the response's `setCookie`/`deleteCookie`: the one object fetch servers get. */
export interface CookieJar extends RequestCookies {
  /** Sets a cookie, at `Path=/` unless `path` says otherwise (Flask's `set_cookie`). */
  setCookie(name: string, value: string, options?: SetCookieOptions): void
  /** Expires a cookie set with the same `path`/`domain` (`Path=/` by default). */
  deleteCookie(name: string, attributes?: DeleteCookieOptions): void
}

/** What the cookie jar tells its request's lifecycle. */
export interface CookieJarLifecycle {
  /** Throws `HEADERS_SENT` once the response can no longer carry a cookie. */
  assertWritable(): void
  /** {@link assertWritable}, then records that the response owes a commit. */
  beforeChange(): void
  /** The app read the request's cookies: the response depends on who asks. */
  markPersonal(): void
}

const SIGNED_PURPOSE = 'cookie'
const PREFIXED = /^__(secure|host)-/i

/**
 * The request's cookies (core's parsed `Cookie` header) with the response's `setCookie` and
 * `deleteCookie`. Every read by the app marks the response personal, so it gets `Vary: Cookie`
 * and `Cache-Control: private`; the engine reads the session cookie with {@link sessionValue},
 * which does not. A plain cookie goes to the response at once; a signed one is signed in the
 * background and its line waits for the commit, which {@link takeSigned} hands it.
 */
export class RequestCookieJar extends ParsedCookies implements CookieJar {
  readonly #port: HttpPort
  /** The keyring of signed cookies; throws `SECRET_WEAK` where there is none (a weak Flask key). */
  readonly #keys: () => Keyring
  readonly #lifecycle: CookieJarLifecycle
  /** Whether the session cookie is Secure on this request: what `secure: 'auto'` means. */
  readonly #secure: boolean
  /** `Set-Cookie` lines still being signed; made on the first signed cookie. */
  #signed: Promise<string>[] | undefined

  constructor(port: HttpPort, keys: () => Keyring, lifecycle: CookieJarLifecycle, secure: boolean) {
    super(port.header('cookie') ?? '')
    this.#secure = secure
    this.#port = port
    this.#keys = keys
    this.#lifecycle = lifecycle
  }

  override get size(): number {
    this.#lifecycle.markPersonal()
    return super.size
  }
  override get(name: string): string | undefined {
    this.#lifecycle.markPersonal()
    return super.get(name)
  }
  override getAll(name: string): string[] {
    this.#lifecycle.markPersonal()
    return super.getAll(name)
  }
  override has(name: string): boolean {
    this.#lifecycle.markPersonal()
    return super.has(name)
  }
  override keys(): IterableIterator<string> {
    this.#lifecycle.markPersonal()
    return super.keys()
  }
  override values(): IterableIterator<string> {
    this.#lifecycle.markPersonal()
    return super.values()
  }
  override entries(): IterableIterator<[string, string]> {
    this.#lifecycle.markPersonal()
    return super.entries()
  }
  override forEach(
    callback: (value: string, name: string, cookies: CookieMap) => void,
    thisArg?: unknown,
  ): void {
    this.#lifecycle.markPersonal()
    super.forEach(callback, thisArg)
  }
  override [Symbol.iterator](): IterableIterator<[string, string]> {
    this.#lifecycle.markPersonal()
    return super[Symbol.iterator]()
  }

  /** The session cookie's value, read by the engine: not a read by the app. */
  sessionValue(name: string): string | undefined {
    return super.get(name)
  }

  async getSigned(name: string): Promise<string | undefined> {
    const token = this.get(name)
    if (token === undefined) return undefined
    const result = await unsign(token, { keys: this.#keys(), name, purpose: SIGNED_PURPOSE })
    return result.valid ? result.value : undefined
  }

  /**
   * Sets a cookie on the response, at `Path=/` unless `path` says otherwise (as Flask's
   * `set_cookie` and Express' `res.cookie`); violations of RFC 6265bis throw here, with their code.
   */
  setCookie(name: string, value: string, options: SetCookieOptions = {}): void {
    const { signed, secure, ...given } = options
    const attributes: CookieAttributes = {
      ...given,
      path: given.path ?? '/',
      ...(secure === undefined ? {} : { secure: secure === 'auto' ? this.#secure : secure }),
    }
    if (!signed) {
      // Written to the response at once: nothing is owed to the commit.
      this.#lifecycle.assertWritable()
      this.#port.appendSetCookie(serializeCookie(name, value, attributes))
      return
    }
    this.#lifecycle.assertWritable()
    const keys = this.#keys()
    // Checked now with a placeholder of the final length, so a mistake throws at the call site
    // and leaves nothing owed.
    serializeCookie(name, `${value}.${'x'.repeat(43)}`, attributes)
    this.#lifecycle.beforeChange()
    const line = sign(value, { keys, name, purpose: SIGNED_PURPOSE }).then((v) =>
      serializeCookie(name, v, attributes),
    )
    if (this.#signed === undefined) this.#signed = [line]
    else this.#signed.push(line)
  }

  /** Expires a cookie; pass the same `path`/`domain` it was set with (`Path=/` by default). */
  deleteCookie(name: string, attributes: DeleteCookieOptions = {}): void {
    this.setCookie(name, '', {
      // A prefixed name is refused without what its prefix requires.
      ...(PREFIXED.test(name) ? { secure: true, path: '/' } : {}),
      ...attributes,
      expires: new Date(0),
      maxAge: 0,
    })
  }

  /** The signed cookies' lines still to write, once; `undefined` when there are none. */
  takeSigned(): Promise<string[]> | undefined {
    const signed = this.#signed
    this.#signed = undefined
    return signed === undefined ? undefined : Promise.all(signed)
  }
}
