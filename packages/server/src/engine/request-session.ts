import { type MaybePromise, thenMaybe } from '@crumbs/core/engine'
import type { HttpPort } from './http-port.js'
import type { CommittableSession, RequestContext } from './request-context.js'
import type { SessionCookie } from './session-cookie.js'
import { nowSeconds, type SessionLifetime } from './session-lifetime.js'
import type { LoadedSession, SessionCommit, SessionMode } from './session-mode.js'
import { type SessionHooks, SessionState } from './session-state.js'

/**
 * One request's session: the {@link SessionState} the app sees, tied to its mode (what was
 * loaded, how to persist it) and to the request's context (when changes are still possible,
 * where the cookie goes).
 */
export class RequestSession<State extends LoadedSession>
  implements SessionHooks, SessionCommit, CommittableSession
{
  readonly session: SessionState
  readonly #mode: SessionMode<State>
  readonly #state: State
  readonly #context: RequestContext
  readonly #port: HttpPort
  readonly #cookie: SessionCookie
  readonly #lifetime: SessionLifetime
  #cookieStale: boolean

  constructor(
    mode: SessionMode<State>,
    state: State,
    context: RequestContext,
    port: HttpPort,
    cookie: SessionCookie,
    lifetime: SessionLifetime,
    now: number,
  ) {
    this.#mode = mode
    this.#state = state
    this.#context = context
    this.#port = port
    this.#cookie = cookie
    this.#lifetime = lifetime
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
    return thenMaybe(this.#mode.commit(this.#state, this, at), () => {
      if (this.session.modified) this.session.committed(at)
      this.#cookieStale = false
    })
  }

  issue(value: string, at: number): void {
    const maxAge = this.#lifetime.cookieMaxAge(this.session, at)
    this.#port.appendSetCookie(this.#cookie.line(value, maxAge))
    this.#context.markPersonal()
  }

  expire(): void {
    this.#port.appendSetCookie(this.#cookie.expired)
    this.#context.markPersonal()
  }
}
