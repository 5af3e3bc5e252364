import type { CookieAttributes } from '@crumbs/core'
import { type MaybePromise, thenMaybe } from '@crumbs/core/engine'
import { AnonymousCsrf } from './anonymous-csrf.js'
import { CookieMode } from './cookie-mode.js'
import { createSessionCodec } from './create-session-codec.js'
import type { HttpPort } from './http-port.js'
import { RequestContext } from './request-context.js'
import { isLocalDevelopment, isSecureRequest } from './request-security.js'
import { type RequestCookiePair, RequestSession, type SessionParts } from './request-session.js'
import { keyringOf, resolveSessionOptions } from './resolve-session-options.js'
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
  const cookies = sessionCookies(options)
  const signingKeys = () => keyringOf(options)
  const parts: SessionParts<State> = {
    mode,
    lifetime,
    anonymousCsrf: options.keys === undefined ? undefined : new AnonymousCsrf(options.keys),
  }
  // Read once: production never relaxes Secure, whatever a request looks like.
  const production = globalThis.process?.env?.NODE_ENV === 'production'
  /** The cookies of one request, by its transport (see request-security.ts). */
  const cookiesFor = (port: HttpPort): RequestCookiePair => {
    const { secure } = options.cookie
    if (secure === false) return cookies.plain
    if (isSecureRequest(port, options.trustProxy)) return cookies.secure
    const local = isLocalDevelopment(port)
    if (secure === 'auto' && local && !production) return cookies.plain
    // Browsers keep a Secure cookie from http://localhost (a secure context), nowhere else.
    return local ? cookies.secure : cookies.secureOverHttp
  }
  return {
    options,
    begin(port) {
      const now = nowSeconds()
      const pair = cookiesFor(port)
      const { name } = pair.session
      const context = new RequestContext(port, signingKeys, pair !== cookies.plain)
      const visitor = readVisitorToken(context, pair.csrf.name)
      const loading = mode.load(context.sessionCookie(name), name, now)
      return thenMaybe(loading, (state) =>
        thenMaybe(visitor, (token) => {
          context.attach(new RequestSession(parts, state, context, port, pair, now, token))
          return context
        }),
      )
    },
    destroyUserSessions: (userId) => mode.destroyUserSessions(userId),
  }

  /** The CSRF token a visitor's own cookie carries, verified; `undefined` for none or a forged one. */
  function readVisitorToken(
    context: RequestContext,
    cookieName: string,
  ): MaybePromise<string | undefined> {
    const value = context.sessionCookie(cookieName)
    if (value === undefined || parts.anonymousCsrf === undefined) return undefined
    return parts.anonymousCsrf.read(value, cookieName)
  }
}

/**
 * The variants of the session cookie and of its companion that carries a visitor's CSRF token
 * (`<name>-csrf`); only a Secure one takes a prefix.
 */
interface SessionCookies {
  /** Without `Secure`: local development, or `secure: false`. */
  readonly plain: RequestCookiePair
  /** `Secure`, on a request that came over TLS. */
  readonly secure: RequestCookiePair
  /**
   * `Secure` on a plain-http request (production, a LAN host name, a proxy not trusted): the
   * browser drops it without a word, so the first one warns, saying how to fix it.
   */
  readonly secureOverHttp: RequestCookiePair
}

function sessionCookies(options: ResolvedSessionOptions): SessionCookies {
  const { name, prefix, domain, path } = options.cookie
  const secureName = !prefix
    ? name
    : domain === undefined && path === '/'
      ? `__Host-${name}`
      : `__Secure-${name}`
  let warned = false
  const warnOnce = (): void => {
    if (warned) return
    warned = true
    console.warn(
      `[crumbs] The session cookie ${secureName} is Secure, but it goes out on a plain-http request: browsers drop such a cookie, so the session will not stick. Behind a TLS proxy, pass \`trustProxy: true\` so crumbs reads X-Forwarded-Proto; for plain-http development on a host other than localhost, set \`cookie: { secure: false }\` (never in production).`,
    )
  }
  const plain = cookieAttributes(options, false)
  const secure = cookieAttributes(options, true)
  const pair = (
    sessionName: string,
    attributes: CookieAttributes,
    onLine?: () => void,
  ): RequestCookiePair => ({
    session: new SessionCookie(sessionName, attributes, onLine),
    csrf: new SessionCookie(`${sessionName}-csrf`, attributes, onLine),
  })
  return {
    plain: pair(name, plain),
    secure: pair(secureName, secure),
    secureOverHttp: pair(secureName, secure, warnOnce),
  }
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
