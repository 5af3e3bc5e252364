import { CrumbsError, type Keyring } from '@crumbs/core'
import { type MaybePromise, thenMaybe } from '@crumbs/core/engine'
import { keepPrivate, varyOnCookie } from './cache-headers.js'
import type { HttpPort } from './http-port.js'
import { type CookieJar, type CookieJarLifecycle, RequestCookieJar } from './request-cookies.js'
import type { SessionState } from './session-state.js'

/** The request's session as its context commits it: the engine's {@link RequestSession}. */
export interface CommittableSession {
  readonly session: SessionState
  /** Persists the session and sets its cookie; `undefined` once done, else a promise. */
  commit(): MaybePromise<void>
}

/**
 * One request's cookies and session, and the single commit that turns their changes into
 * `Set-Cookie` lines before the response headers go out. Adapters hand {@link cookies} and
 * {@link session} to the app and call {@link commit} before the headers leave.
 */
export class RequestContext implements CookieJarLifecycle {
  readonly #port: HttpPort
  readonly #jar: RequestCookieJar
  #session: CommittableSession | undefined
  /** Whether something changed that the commit must write (a commit is owed). */
  #owed = false
  /**
   * Whether the response depends on who asks (the app read the session or the cookies, or the
   * session cookie is set): it gets `Vary: Cookie` and `Cache-Control: private` at the commit.
   */
  #personal = false
  /** The one commit: not yet begun, running (its promise), done, or failed (its error). */
  #commit: 'idle' | 'done' | Promise<void> | { readonly failed: unknown } = 'idle'
  #onOwed: (() => void) | undefined

  /**
   * `keys` gives the keyring of signed cookies, throwing where there is none; `secure` says
   * whether the session cookie is Secure on this request (what `setCookie`'s `'auto'` follows).
   */
  constructor(port: HttpPort, keys: () => Keyring, secure = false) {
    this.#port = port
    this.#jar = new RequestCookieJar(port, keys, this, secure)
  }

  /** The request's cookies, with the response's `setCookie` and `deleteCookie`. */
  get cookies(): CookieJar {
    return this.#jar
  }

  /** The value of the session cookie `name`, read by the engine (not a read by the app). */
  sessionCookie(name: string): string | undefined {
    return this.#jar.sessionValue(name)
  }

  /** The request's session. */
  get session(): SessionState {
    return this.#requireSession().session
  }

  /** Called once by the engine, when the session has loaded. */
  attach(session: CommittableSession): void {
    this.#session = session
  }

  /**
   * Whether the response must go through {@link commit} before its headers: a change, a
   * refresh or a signed cookie to write, caching headers for a response that read the session
   * or the cookies, or a commit (`save()`) still running. After a commit ended, kept or failed
   * and handled by the route, nothing is owed.
   */
  get commitOwed(): boolean {
    const state = this.#commit
    if (state === 'idle') return this.#owed || this.#personal
    return state instanceof Promise
  }

  /**
   * Calls `listener` once, when the response first comes to owe a commit (at once if it already
   * does), so an adapter pays for holding the response only on requests that need it. One
   * listener per request: the adapter's; a second call replaces the first.
   */
  whenCommitOwed(listener: () => void): void {
    if (this.commitOwed) listener()
    else this.#onOwed = listener
  }

  /** Records that the response owes a commit (a refresh, a refused cookie to clear, a change). */
  oweCommit(): void {
    this.#owed = true
    this.#wake()
  }

  /**
   * Records that the response depends on who asks, so its commit adds `Vary: Cookie` and
   * `Cache-Control: private` (keeping a stricter `Cache-Control` the app set).
   */
  markPersonal(): void {
    if (this.#personal) return
    this.#personal = true
    this.#wake()
  }

  #wake(): void {
    const listener = this.#onOwed
    if (listener === undefined) return
    this.#onOwed = undefined
    listener()
  }

  /** Called before every change the commit must write: checks it is still possible, then owes. */
  beforeChange(): void {
    this.assertWritable()
    this.oweCommit()
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
   * Persists the session and emits every pending `Set-Cookie` line, once: at once when nothing
   * has to wait (a cookie session on node:crypto), else a promise. Throws or rejects with a
   * `CrumbsError` (`STORE_UNAVAILABLE`, `COOKIE_TOO_LARGE`, …) for its first caller to report.
   * A later call waits for a commit still running, and answers at once after one that ended,
   * however it ended: a `save()` whose failure the route handled does not fail the response
   * (`save()` itself repeats the failure to the route).
   */
  commit(): MaybePromise<void> {
    const state = this.#commit
    if (state instanceof Promise) return state
    if (state !== 'idle') return
    let committing: MaybePromise<void>
    try {
      committing = thenMaybe(
        this.#run(),
        () => {
          this.#commit = 'done'
        },
        (error: unknown) => {
          this.#commit = { failed: error }
          throw error
        },
      )
    } catch (error) {
      this.#commit = { failed: error }
      throw error
    }
    // Still idle here only when the commit has to wait: later calls share its promise.
    if (this.#commit === 'idle') this.#commit = committing as Promise<void>
    return committing
  }

  /**
   * {@link commit} as a promise, for `session.save()`: a failure rejects where the route awaits,
   * and again on every later `save()`, so a route never takes a failed save for a kept one.
   */
  async save(): Promise<void> {
    const state = this.#commit
    if (typeof state === 'object' && 'failed' in state) throw state.failed
    await this.commit()
  }

  #run(): MaybePromise<void> {
    if (this.#port.headersSent()) {
      // Only what had to be written is lost; caching headers of a read are merely late.
      if (this.#owed) {
        throw new CrumbsError(
          'HEADERS_SENT',
          'The response headers went out before the session could be saved.',
        )
      }
      return
    }
    const session = this.#requireSession()
    const signed = this.#jar.takeSigned()
    if (signed === undefined) return thenMaybe(session.commit(), this.#keepPrivate)
    return signed.then((lines) => {
      for (const line of lines) this.#port.appendSetCookie(line)
      return thenMaybe(session.commit(), this.#keepPrivate)
    })
  }

  readonly #keepPrivate = (): void => {
    if (!this.#personal) return
    varyOnCookie(this.#port)
    keepPrivate(this.#port)
  }

  #requireSession(): CommittableSession {
    if (this.#session === undefined) {
      throw new CrumbsError(
        'MIDDLEWARE_MISSING',
        'No session on this request yet: the crumbs session middleware must load it before this code runs.',
      )
    }
    return this.#session
  }
}
