import type { CookieAttributes } from '@crumbs/core'
import { type MaybePromise, thenMaybe } from '@crumbs/core/engine'
import { createSessionCodec } from '../codecs/create-session-codec.js'
import { CookieMode } from './cookie-mode.js'
import type { HttpPort } from './http-port.js'
import { RequestContext } from './request-context.js'
import { isLocalDevelopment, isSecureRequest } from './request-security.js'
import { RequestSession } from './request-session.js'
import { resolveSessionOptions } from './resolve-session-options.js'
import { SessionCookie } from './session-cookie.js'
import { nowSeconds, SessionLifetime } from './session-lifetime.js'
import type { LoadedSession, SessionMode } from './session-mode.js'
import type { ResolvedSessionOptions, SessionOptions } from './session-options.js'
import { StoreMode } from './store-mode.js'

/** The session engine: every rule of loading and committing, with no host framework in sight. */
export interface SessionEngine {
  readonly options: ResolvedSessionOptions
  /**
   * Loads the request's session and returns the context the adapter exposes: at once when
   * nothing had to wait (no cookie, or a cookie session on node:crypto), else a promise. Throws
   * or rejects only when the store fails (`STORE_UNAVAILABLE`): a bad cookie is no session.
   */
  begin(port: HttpPort): MaybePromise<RequestContext>
  /** Ends every session of one user (log out everywhere); needs a store. */
  destroyUserSessions(userId: string): Promise<number>
}

/**
 * Creates the engine behind every adapter. Options are checked here, once: a missing or short
 * secret, or any impossible option, throws a `CrumbsError` at start-up.
 */
export function createSessionEngine(options: SessionOptions): SessionEngine {
  const resolved = resolveSessionOptions(options)
  const lifetime = new SessionLifetime(resolved)
  return resolved.store === undefined
    ? engineOver(
        resolved,
        lifetime,
        new CookieMode(createSessionCodec(resolved), lifetime, resolved),
      )
    : engineOver(resolved, lifetime, new StoreMode(resolved.store, lifetime, resolved))
}

/** The engine over one mode: the request's cookie, context and session, the same for both. */
function engineOver<State extends LoadedSession>(
  options: ResolvedSessionOptions,
  lifetime: SessionLifetime,
  mode: SessionMode<State>,
): SessionEngine {
  const [plain, secure] = sessionCookies(options)
  const isSecure = (port: HttpPort): boolean =>
    options.cookie.secure === 'auto'
      ? isSecureRequest(port, options.trustProxy) || !isLocalDevelopment(port)
      : options.cookie.secure
  return {
    options,
    begin(port) {
      const now = nowSeconds()
      const cookie = isSecure(port) ? secure : plain
      const context = new RequestContext(port, options.keys)
      const loading = mode.load(context.cookies.get(cookie.name), cookie.name, now)
      return thenMaybe(loading, (state) => {
        context.attach(new RequestSession(mode, state, context, port, cookie, lifetime, now))
        return context
      })
    },
    destroyUserSessions: (userId) => mode.destroyUserSessions(userId),
  }
}

/** The session cookie for a plain-http and for a secure request; only a secure one takes a prefix. */
function sessionCookies(options: ResolvedSessionOptions): readonly [SessionCookie, SessionCookie] {
  const { name, prefix, domain, path } = options.cookie
  const secureName = !prefix
    ? name
    : domain === undefined && path === '/'
      ? `__Host-${name}`
      : `__Secure-${name}`
  return [
    new SessionCookie(name, cookieAttributes(options, false)),
    new SessionCookie(secureName, cookieAttributes(options, true)),
  ]
}

/** The session cookie's attributes for a plain-http or a secure request. */
function cookieAttributes(options: ResolvedSessionOptions, secure: boolean): CookieAttributes {
  const c = options.cookie
  return {
    path: c.path,
    secure,
    httpOnly: c.httpOnly,
    sameSite: c.sameSite,
    ...(c.partitioned ? { partitioned: true } : {}),
    ...(c.domain === undefined ? {} : { domain: c.domain }),
    ...(c.priority === undefined ? {} : { priority: c.priority }),
  }
}
