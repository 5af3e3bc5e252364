/**
 * The data of every session an app's middleware hands out, by default: any string key, values
 * `unknown`. Declare the app's keys by merging into it, as with express-session, and they are
 * typed everywhere (`req.session` in Express, the default of every adapter):
 *
 * @example
 * declare module '@crumbs/server' {
 *   interface SessionData { username: string; views: number }
 * }
 */
export interface SessionData {
  [key: string]: unknown
}

/** One flashed message and its category (Flask's `flash(message, category)`). */
export interface FlashMessage {
  readonly category: string
  readonly message: string
}

/** Options of {@link Session.flashes}, after Flask's `get_flashed_messages`. */
export interface FlashesOptions {
  /** Return only messages of these categories; the others stay queued. @default all */
  readonly categories?: readonly string[]
}

/**
 * The session a request carries, with Flask's `session` semantics and typed keys.
 *
 * Reads are synchronous; the engine persists changes once, before the response headers go out.
 *
 * @example
 * const session = req.session as Session<{ username: string }>
 * session.set('username', 'john')
 * session.get('username') // 'john' | undefined
 */
export interface Session<Data extends object = SessionData> {
  /** The value under `key`, or `undefined` (Flask's `session.get`). */
  get<K extends keyof Data & string>(key: K): Data[K] | undefined
  /** Stores `value` under `key` (Flask's `session[key] = value`). */
  set<K extends keyof Data & string>(key: K, value: Data[K]): void
  /**
   * Replaces the value under `key` with `fn(current)` and returns it (`undefined` removes the
   * key). Where a store write meets a concurrent request's write, `fn` runs again on the value
   * that request stored, so a read-modify-write of one key (a counter, an attempt limit) loses
   * no update; `set` after `get` would write back a value computed from a stale read. `fn` must
   * be pure: it may run more than once. Cookie sessions have no concurrent writer to replay on.
   * @example session.update('views', (n = 0) => n + 1)
   */
  update<K extends keyof Data & string>(
    key: K,
    fn: (current: Data[K] | undefined) => Data[K] | undefined,
  ): Data[K] | undefined
  /** Whether `key` is present (Flask's `key in session`). */
  has(key: keyof Data & string): boolean
  /** Removes `key` and returns its value, or `undefined` (Flask's `session.pop(key, None)`). */
  pop<K extends keyof Data & string>(key: K): Data[K] | undefined
  /** Removes every key, flashes included (Flask's `session.clear()`). */
  clear(): void
  /** The keys present, in insertion order. */
  keys(): (keyof Data & string)[]
  /**
   * A permanent session's cookie carries `Max-Age`; otherwise it ends with the browser session.
   * @default false
   */
  permanent: boolean
  /** Queues `message` for the next request that calls {@link flashes}. @default category 'message' */
  flash(message: string, category?: string): void
  /** Takes the queued flash messages (Flask's `get_flashed_messages(with_categories=True)`). */
  flashes(options?: FlashesOptions): FlashMessage[]
  /**
   * A per-session token for HTML forms; the same value for the life of the session.
   * Check it with the server's CSRF helper.
   */
  csrfToken(): string
  /**
   * Keeps the data under a new identity: a new id for store sessions, a fresh issue time for
   * cookie sessions. Call it on login to defeat session fixation. An express-session style
   * `callback(error?)` is called too, and the promise then never rejects.
   */
  regenerate(callback?: (error?: unknown) => void): Promise<void>
  /** Ends the session: deleted from the store, its cookie expired. Takes a callback as `regenerate`. */
  destroy(callback?: (error?: unknown) => void): Promise<void>
  /**
   * Persists the session now rather than just before the response headers, so a failure
   * (`STORE_UNAVAILABLE`, `COOKIE_TOO_LARGE`) rejects here where the route can handle it. Later
   * changes in the same request throw `HEADERS_SENT`. Takes a callback as `regenerate`.
   */
  save(callback?: (error?: unknown) => void): Promise<void>
  /** Whether the request came without a valid session. */
  readonly isNew: boolean
  /** Whether anything changed during this request. */
  readonly modified: boolean
}

/**
 * What persists of a session between requests, in a store or inside a cookie.
 * Times are Unix epoch seconds.
 */
export interface SessionRecord<Data extends object = Record<string, unknown>> {
  readonly data: Data
  /** When the session was first created, for the absolute timeout. */
  readonly createdAt: number
  /** When the session was last written or refreshed, for the idle timeout. */
  readonly touchedAt: number
  readonly permanent: boolean
  /** The user this session belongs to, for the store's user index. */
  readonly userId?: string
  readonly flashes?: readonly FlashMessage[]
  readonly csrf?: string
  /**
   * A cookie session under revocation: the id of this login and when it was issued, which a
   * logout (that id) or a log-out-everywhere (everything issued before) can revoke.
   */
  readonly stamp?: SessionStamp
}

/** What identifies one login of a revocable cookie session. */
export interface SessionStamp {
  /** Random, base64url. */
  readonly id: string
  /** When the login was issued, in Unix epoch milliseconds. */
  readonly issuedAt: number
}
