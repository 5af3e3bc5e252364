import { CrumbsError, type Session, type SessionData } from '@crumbs/core'
import type { RequestContext } from '../../engine/request-context.js'
import type { CookieJar } from '../../engine/request-cookies.js'
import { createSessionEngine } from '../../engine/session-engine.js'
import type { SessionOptions } from '../../engine/session-options.js'
import {
  cookieHeaderOf,
  type FrameworkCookies,
  isFrameworkCookies,
  writeThrough,
} from './framework-cookies.js'
import { type RequestLike, ScopePort } from './scope-port.js'
import { warnIfNeverCommitted } from './uncommitted-warning.js'

/** Where a commit writes: into a `Response`, into a `Headers`, or (none) a fresh `Headers`. */
export interface SessionCommit {
  /**
   * Writes into the response's headers and returns it, or a copy with the same body and status
   * when its headers are immutable (`Response.redirect()`, a `fetch()` response).
   */
  (response: Response): Promise<Response>
  /** Appends to `headers` and returns it (`data(…, { headers })`, `redirect(…, { headers })`). */
  (headers: Headers): Promise<Headers>
  /**
   * Returns a new `Headers` with what the response must carry. From a framework's cookie store
   * the cookies go through the store, and the `Headers` carry the rest (`Vary`, `Cache-Control`).
   */
  (): Promise<Headers>
}

/** One request's session and cookies, and the commit that writes their changes. */
export interface SessionScope<Data extends object = SessionData> {
  /** The request's session (Flask's `session`), typed by the app's `SessionData`. */
  readonly session: Session<Data>
  /** The request's cookies with `setCookie`/`deleteCookie`. */
  readonly cookies: CookieJar
  /**
   * Saves the session and writes its `Set-Cookie` (and `Vary: Cookie`, `Cache-Control:
   * private` when the session or the cookies were read). Call it once, with the response you
   * return: a second call writes nothing and returns its argument; a change after the commit
   * throws `HEADERS_SENT`. Rejects with a `CrumbsError`: `STORE_UNAVAILABLE` (answer 503),
   * `COOKIE_TOO_LARGE`, …; every later call rejects with the same error.
   */
  readonly commit: SessionCommit
}

/** Sessions for code that owns no middleware: route handlers, actions, loaders, hooks. */
export interface Sessions<Data extends object = SessionData> {
  /**
   * Loads the session of `request` (a web `Request`, or anything with its `url` and
   * `headers`). The same request gives the same scope. Rejects with `STORE_UNAVAILABLE` when
   * the store fails; a tampered or expired cookie is an empty session, never an error.
   */
  get(request: RequestLike): Promise<SessionScope<Data>>
  /**
   * Loads the session through a framework's cookie store (Next.js' `cookies()`, SvelteKit's
   * `cookies`, Astro's `cookies`), which a bare `commit()` then writes through. `request` (its
   * `url`, its `headers`) tells whether the request is secure and, for a store that cannot list
   * its cookies (Astro's), what they are.
   */
  get(cookies: FrameworkCookies, request?: RequestLike): Promise<SessionScope<Data>>
  /** Ends every session of one user (log out everywhere); needs a store and `userKey`. */
  destroyUserSessions(userId: string): Promise<number>
}

/**
 * The request-scoped session API: options are checked once, here (a missing or short secret,
 * an impossible option throw a `CrumbsError`); then `await sessions.get(request)` per request
 * gives `{ session, cookies, commit }`, with the formats, stores and guarantees of the
 * middleware.
 * @example
 * const sessions = createSessions({ secret: process.env.SECRET_KEY! })
 * export async function POST(request: Request) {
 *   const { session, commit } = await sessions.get(request)
 *   session.set('username', 'john')
 *   return commit(Response.redirect(new URL('/', request.url), 303))
 * }
 */
export function createSessions<Data extends object = SessionData>(
  options: SessionOptions,
): Sessions<Data> {
  const engine = createSessionEngine(options)
  const scopes = new WeakMap<object, Promise<SessionScope<Data>>>()
  const open = async (
    port: ScopePort,
    store: FrameworkCookies | undefined,
  ): Promise<SessionScope<Data>> => {
    const context = await engine.begin(port)
    const commit = committer(context, port, store)
    warnIfNeverCommitted(commit, context, port)
    return Object.freeze({
      session: context.session as unknown as Session<Data>,
      cookies: context.cookies,
      commit,
    })
  }
  return {
    get(source: RequestLike | FrameworkCookies, request?: RequestLike) {
      let scope = scopes.get(source)
      if (scope !== undefined) return scope
      scope = isFrameworkCookies(source)
        ? Promise.resolve()
            .then(() => storePort(source, request))
            .then((port) => open(port, source))
        : open(new ScopePort(source), undefined)
      scopes.set(source, scope)
      return scope
    },
    destroyUserSessions: (userId) => engine.destroyUserSessions(userId),
  } as Sessions<Data>
}

/**
 * The port of a request seen through a framework's cookie store: the cookies from the store
 * when it can list them, else from `request`; every other header from `request`.
 */
function storePort(store: FrameworkCookies, request: RequestLike | undefined): ScopePort {
  const header = cookieHeaderOf(store)
  if (header === undefined) {
    if (request !== undefined) return new ScopePort(request)
    throw new CrumbsError(
      'INVALID_OPTION',
      "This cookie store cannot list the request's cookies (Astro's cannot): pass the request too, as `sessions.get(context.cookies, context.request)`.",
    )
  }
  const headers = request?.headers
  // Read one by one: a Request keeps them as accessors, which spreading would lose.
  return new ScopePort({
    url: request?.url,
    method: request?.method,
    headers: {
      get: (name) => (name.toLowerCase() === 'cookie' ? header : (headers?.get(name) ?? null)),
    },
  })
}

/** The scope's commit: the engine's commit once, then the held lines into the first target. */
function committer(
  context: RequestContext,
  port: ScopePort,
  store: FrameworkCookies | undefined,
): SessionCommit {
  let done: Promise<void> | undefined
  const run = async (target: { get(name: string): string | null }): Promise<boolean> => {
    if (done !== undefined) {
      await done
      return false
    }
    port.target(target)
    // Settled once, whatever happens: every later call waits for it and writes nothing more.
    done = (async () => {
      try {
        await context.commit()
      } finally {
        port.close()
      }
    })()
    await done
    return true
  }
  return (async (target?: Response | Headers) => {
    if (target !== undefined && isResponse(target)) {
      if (!(await run(target.headers))) return target
      return writeIntoResponse(target, port)
    }
    if (target !== undefined) {
      if (await run(target)) port.writeInto(target)
      return target
    }
    const headers = new Headers()
    if (!(await run(headers))) return headers
    if (store === undefined) {
      port.writeInto(headers)
    } else {
      writeThrough(store, port.cookies)
      for (const [name, value] of port.headers) headers.set(name, value)
    }
    return headers
  }) as SessionCommit
}

/**
 * Told apart by shape rather than `instanceof`, which fails across realms (an edge runtime's VM,
 * a framework's own fetch classes).
 */
function isResponse(target: Response | Headers): target is Response {
  return typeof (target as Partial<Response>).status === 'number'
}

/** `response` with the held lines and headers, copied once when its headers are immutable. */
function writeIntoResponse(response: Response, port: ScopePort): Response {
  if (port.cookies.length === 0 && port.headers.size === 0) return response
  try {
    port.writeInto(response.headers)
    return response
  } catch (error) {
    // Response.redirect() and fetch() give immutable headers: the first write throws a TypeError.
    if (!(error instanceof TypeError)) throw error
    const copy = new Response(response.body, response)
    port.writeInto(copy.headers)
    return copy
  }
}
