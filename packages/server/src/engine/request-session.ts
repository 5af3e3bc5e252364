import { type MaybePromise, thenMaybe } from '@crumbs/core/engine'
import type { AnonymousCsrf } from './anonymous-csrf.js'
import type { HttpPort } from './http-port.js'
import type { CommittableSession, RequestContext } from './request-context.js'
import type { SessionCookie } from './session-cookie.js'
import { nowSeconds, type SessionLifetime } from './session-lifetime.js'
import type { LoadedSession, SessionCommit, SessionMode } from './session-mode.js'
import { type SessionHooks, SessionState } from './session-state.js'

/** What every request of one engine shares. */
export interface SessionParts<State extends LoadedSession> {
  readonly mode: SessionMode<State>
  readonly lifetime: SessionLifetime
  /** Where a visitor's CSRF token goes before a session exists; `undefined` keeps it in the session. */
  readonly anonymousCsrf: AnonymousCsrf | undefined
}

/** The cookies of one request's scheme: the session's, and a visitor's CSRF token's. */
export interface RequestCookiePair {
  readonly session: SessionCookie
  readonly csrf: SessionCookie
}

/**
 * One request's session: the {@link SessionState} the app sees, tied to its mode (what was
 * loaded, how to persist it) and to the request's context (when changes are still possible,
 * where the cookie goes), and the CSRF token of a visitor without a session.
 */
export class RequestSession<State extends LoadedSession>
  implements SessionHooks, SessionCommit, CommittableSession
{
  readonly session: SessionState
  readonly #mode: SessionMode<State>
  readonly #lifetime: SessionLifetime
  readonly #anonymousCsrf: AnonymousCsrf | undefined
  readonly #state: State
  readonly #context: RequestContext
  readonly #port: HttpPort
  readonly #cookie: SessionCookie
  readonly #csrfCookie: SessionCookie
  #cookieStale: boolean
  /** A visitor's CSRF token: the one the request's cookie carried, or one issued now. */
  #visitorToken: string | undefined
  readonly #visitorCookieCarried: boolean
  #visitorTokenIssued = false

  /** `visitorToken`: the CSRF token the request's own cookie carried, verified. */
  constructor(
    parts: SessionParts<State>,
    state: State,
    context: RequestContext,
    port: HttpPort,
    cookies: RequestCookiePair,
    now: number,
    visitorToken: string | undefined,
  ) {
    const { mode } = parts
    this.#mode = mode
    this.#lifetime = parts.lifetime
    this.#anonymousCsrf = parts.anonymousCsrf
    this.#state = state
    this.#context = context
    this.#port = port
    this.#cookie = cookies.session
    this.#csrfCookie = cookies.csrf
    this.#visitorToken = visitorToken
    this.#visitorCookieCarried = visitorToken !== undefined
    this.#cookieStale = state.rotated
    this.session = new SessionState(state.record, now, this)
    // A refused cookie is cleared, a stale one re-issued and a due refresh made, even when the
    // request never touches the session.
    const refused = state.hadCookie && state.record === undefined
    if (refused || this.#cookieStale || mode.refreshDue(state, this.session, now)) {
      context.oweCommit()
    }
  }

  get cookieName(): string {
    return this.#cookie.name
  }

  get cookieStale(): boolean {
    return this.#cookieStale
  }

  beforeChange(): void {
    this.#context.beforeChange()
  }

  onRead(): void {
    this.#context.markPersonal()
  }

  anonymousCsrfToken(create: boolean): string | undefined {
    if (this.#anonymousCsrf === undefined || this.#visitorToken !== undefined || !create) {
      return this.#visitorToken
    }
    this.#context.beforeChange()
    this.#visitorToken = this.#anonymousCsrf.create()
    this.#visitorTokenIssued = true
    return this.#visitorToken
  }

  save(): Promise<void> {
    return this.#context.save()
  }

  async regenerate(): Promise<void> {
    this.#context.beforeChange()
    this.session.renew(nowSeconds())
    this.#mode.regenerate(this.#state)
  }

  async destroy(): Promise<void> {
    // Owed and emptied at once, so a commit before the store answers still ends the session.
    this.#context.beforeChange()
    const forgetting = this.#mode.destroy(this.#state)
    this.session.reset(nowSeconds())
    this.#cookieStale = false
    await forgetting
  }

  /** Persists the session through its mode; called once, by the request's context. */
  commit(): MaybePromise<void> {
    const at = nowSeconds()
    const issued = this.#visitorTokenIssued ? this.#visitorToken : undefined
    // A page that embedded the token it was just issued, and came to hold data, keeps it valid.
    if (issued !== undefined && !this.session.empty) this.session.adoptCsrfToken(issued)
    return thenMaybe(this.#mode.commit(this.#state, this, at), () => {
      if (this.session.modified) this.session.committed(at)
      this.#cookieStale = false
      return this.#settleVisitorCookie()
    })
  }

  /**
   * A visitor still without a session keeps the token issued now in its cookie; once a session
   * is stored, the session holds the token, so the visitor's cookie goes.
   */
  #settleVisitorCookie(): MaybePromise<void> {
    const token = this.#visitorToken
    if (!this.session.empty) {
      if (this.#visitorCookieCarried) this.#sendLine(this.#csrfCookie.expired)
      return
    }
    if (!this.#visitorTokenIssued || token === undefined || this.#anonymousCsrf === undefined)
      return
    const value = this.#anonymousCsrf.cookieValue(token, this.#csrfCookie.name)
    return thenMaybe(value, (signed) => this.#sendLine(this.#csrfCookie.line(signed)))
  }

  issue(value: string, at: number): void {
    this.#sendLine(this.#cookie.line(value, this.#lifetime.cookieMaxAge(this.session, at)))
  }

  expire(): void {
    this.#sendLine(this.#cookie.expired)
  }

  #sendLine(line: string): void {
    this.#port.appendSetCookie(line)
    this.#context.markPersonal()
  }
}
