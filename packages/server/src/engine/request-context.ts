import {
  type CookieAttributes,
  type CookieMap,
  CrumbsError,
  type Keyring,
  type MaybePromise,
  parseCookie,
  serializeCookie,
  sign,
  unsign,
} from '@crumbs/core'
import type { HttpPort } from './http-port.js'
import type { SessionState } from './session-state.js'

/** Attributes of `setCookie`, plus `signed` to append an HMAC made with the session secret. */
export interface SetCookieOptions extends CookieAttributes {
  /** Sign the value (HMAC-SHA-256 bound to the cookie name); read it back with `getSigned`. @default false */
  signed?: boolean
}

/** The request's cookies: read-only and Map-like, plus signed-cookie verification. */
export interface RequestCookies extends CookieMap {
  /** The value of a cookie set with `{ signed: true }`, or `undefined` when absent or tampered. */
  getSigned(name: string): Promise<string | undefined>
}

/** Request cookies plus the response's `setCookie`/`deleteCookie`: the one object fetch servers get. */
export interface CookieJar extends RequestCookies {
  setCookie(name: string, value: string, options?: SetCookieOptions): void
  deleteCookie(name: string, attributes?: Omit<CookieAttributes, 'expires' | 'maxAge'>): void
}

/** What commits the session: the engine's {@link RequestSession}. */
export interface Committer {
  /** Persists the session and emits its cookie; `undefined` once done, else a promise. */
  commit(): MaybePromise<void>
}

const SIGNED_PURPOSE = 'cookie'
const DONE: Promise<void> = Promise.resolve()
const PREFIXED = /^__(secure|host)-/i

/**
 * One request's cookies and session, and the single commit that turns their changes into
 * `Set-Cookie` lines before the response headers go out.
 */
export class RequestContext {
  readonly #port: HttpPort
  readonly #cookies: CookieMap
  /** What {@link cookies} hands out, made on first use: most requests only read the session. */
  #jar: CookieJar | undefined
  readonly #keys: Keyring | undefined
  #session: SessionState | undefined
  #committer: Committer | undefined
  /** Signed `Set-Cookie` lines still being signed; made on the first signed cookie. */
  #pending: Promise<string>[] | undefined
  #dirty = false
  /** The one commit: not yet begun, running (its promise), done, or failed (its error). */
  #commit: 'idle' | 'done' | Promise<void> | { readonly failed: unknown } = 'idle'
  #onOwed: (() => void) | undefined

  constructor(port: HttpPort, keys: Keyring | undefined) {
    this.#port = port
    this.#keys = keys
    this.#cookies = parseCookie(port.header('cookie'))
  }

  /** The request's cookies, with the response's `setCookie` and `deleteCookie`. */
  get cookies(): CookieJar {
    if (this.#jar === undefined) this.#jar = new RequestCookieJar(this.#cookies, this)
    return this.#jar
  }

  /** The value of the request's cookie `name`, if it sent one. */
  cookie(name: string): string | undefined {
    return this.#cookies.get(name)
  }

  /** The session, once the engine attached it (always, for contexts from `begin`). */
  get session(): SessionState {
    if (this.#session === undefined) {
      throw new CrumbsError(
        'INVALID_OPTION',
        'No session on this request: the crumbs session middleware must run before this code.',
      )
    }
    return this.#session
  }

  /** Whether the response still owes its commit (a change, a refresh or a signed cookie). */
  get needsCommit(): boolean {
    // One attempt only: after `save()` (kept or failed and handled by the route) nothing is owed.
    return this.#commit === 'idle' && this.#owes
  }

  get #owes(): boolean {
    return this.#dirty || (this.#session?.modified ?? false) || this.#pending !== undefined
  }

  /** Sets a cookie on the response; violations of RFC 6265bis throw here, with their code. */
  setCookie(name: string, value: string, options: SetCookieOptions = {}): void {
    const { signed, ...attributes } = options
    if (!signed) {
      // Written to the response at once: nothing is owed to the commit.
      this.assertWritable()
      this.#port.appendSetCookie(serializeCookie(name, value, attributes))
      return
    }
    this.beforeChange()
    const keys = this.#requireKeys()
    // Checked now with a placeholder of the final length, so a mistake throws at the call site.
    serializeCookie(name, `${value}.${'x'.repeat(43)}`, attributes)
    const line = sign(value, { keys, name, purpose: SIGNED_PURPOSE }).then((v) =>
      serializeCookie(name, v, attributes),
    )
    if (this.#pending === undefined) this.#pending = [line]
    else this.#pending.push(line)
  }

  /** Expires a cookie; pass the same `path`/`domain` it was set with. */
  deleteCookie(name: string, attributes: Omit<CookieAttributes, 'expires' | 'maxAge'> = {}): void {
    const prefixed = PREFIXED.test(name)
    this.setCookie(name, '', {
      ...(prefixed ? { secure: true, path: '/' } : {}),
      ...attributes,
      expires: new Date(0),
      maxAge: 0,
    })
  }

  /** Throws `HEADERS_SENT` once the response can no longer carry a cookie. */
  assertWritable(): void {
    if (this.#commit !== 'idle' || this.#port.headersSent()) {
      throw new CrumbsError(
        'HEADERS_SENT',
        'Cookies and the session cannot change after the response headers were sent (or the session was saved); change them before responding.',
      )
    }
  }

  /**
   * Called before a change the commit must persist (session data, a signed cookie): checks it
   * is still possible and wakes a {@link whenCommitOwed} listener.
   */
  beforeChange(): void {
    this.assertWritable()
    this.#owed()
  }

  /** Records that the response must commit even if nothing else changes. */
  markDirty(): void {
    this.#dirty = true
    this.#owed()
  }

  /**
   * Calls `listener` once, when the response first comes to owe a commit (at once if it already
   * does), so an adapter pays for holding the response only on requests that change something.
   */
  whenCommitOwed(listener: () => void): void {
    if (this.needsCommit) listener()
    else this.#onOwed = listener
  }

  #owed(): void {
    const listener = this.#onOwed
    if (listener === undefined) return
    this.#onOwed = undefined
    listener()
  }

  attachSession(session: SessionState, committer: Committer): void {
    this.#session = session
    this.#committer = committer
  }

  /**
   * Persists the session and emits every pending `Set-Cookie` line, once. Rejects with a
   * `CrumbsError` (`STORE_UNAVAILABLE`, `COOKIE_TOO_LARGE`, …) that the adapter reports.
   */
  commit(): Promise<void> {
    try {
      return this.commitNow() ?? DONE
    } catch (error) {
      return Promise.reject(error)
    }
  }

  /**
   * {@link commit} for adapters: `undefined` when it finished at once (a cookie session on
   * node:crypto, nothing to write), so the response need not wait a tick; a promise otherwise.
   * Throws what would reject.
   */
  commitNow(): Promise<void> | undefined {
    const state = this.#commit
    if (state === 'done') return undefined
    if (state instanceof Promise) return state
    if (state !== 'idle') throw state.failed
    let result: MaybePromise<void>
    try {
      result = this.#run()
    } catch (error) {
      this.#commit = { failed: error }
      throw error
    }
    if (!(result instanceof Promise)) {
      this.#commit = 'done'
      return undefined
    }
    this.#commit = result
    return result
  }

  #run(): MaybePromise<void> {
    if (this.#port.headersSent()) {
      if (this.#owes) {
        throw new CrumbsError(
          'HEADERS_SENT',
          'The response headers went out before the session could be saved.',
        )
      }
      return
    }
    const pending = this.#pending
    if (pending === undefined) return this.#commitSession()
    this.#pending = undefined
    return Promise.all(pending).then((lines) => {
      for (const line of lines) this.#port.appendSetCookie(line)
      return this.#commitSession()
    })
  }

  #commitSession(): MaybePromise<void> {
    const committed = this.#committer?.commit()
    if (committed instanceof Promise) {
      return committed.then(() => {
        this.#dirty = false
      })
    }
    this.#dirty = false
  }

  /** @internal */
  async getSigned(name: string): Promise<string | undefined> {
    const token = this.#cookies.get(name)
    if (token === undefined) return undefined
    const result = await unsign(token, { keys: this.#requireKeys(), name, purpose: SIGNED_PURPOSE })
    return result.valid ? result.value : undefined
  }

  #requireKeys(): Keyring {
    if (this.#keys === undefined) {
      throw new CrumbsError(
        'SECRET_MISSING',
        'Signed cookies need a `secret` in the middleware options.',
      )
    }
    return this.#keys
  }
}

/** The parsed cookies, delegating signed reads and writes to their request's context. */
class RequestCookieJar implements CookieJar {
  readonly #map: CookieMap
  readonly #context: RequestContext

  constructor(map: CookieMap, context: RequestContext) {
    this.#map = map
    this.#context = context
  }

  getSigned(name: string): Promise<string | undefined> {
    return this.#context.getSigned(name)
  }
  setCookie(name: string, value: string, options?: SetCookieOptions): void {
    this.#context.setCookie(name, value, options)
  }
  deleteCookie(name: string, attributes?: Omit<CookieAttributes, 'expires' | 'maxAge'>): void {
    this.#context.deleteCookie(name, attributes)
  }

  get size(): number {
    return this.#map.size
  }
  get(name: string): string | undefined {
    return this.#map.get(name)
  }
  getAll(name: string): string[] {
    return this.#map.getAll(name)
  }
  has(name: string): boolean {
    return this.#map.has(name)
  }
  keys(): IterableIterator<string> {
    return this.#map.keys()
  }
  values(): IterableIterator<string> {
    return this.#map.values()
  }
  entries(): IterableIterator<[string, string]> {
    return this.#map.entries()
  }
  forEach(callback: (value: string, name: string, map: CookieMap) => void): void {
    this.#map.forEach(callback)
  }
  [Symbol.iterator](): IterableIterator<[string, string]> {
    return this.#map[Symbol.iterator]()
  }
}
