import {
  type FlashesOptions,
  type FlashMessage,
  randomToken,
  type Session,
  type SessionData,
  type SessionRecord,
  type SessionStamp,
} from '@crumbs/core'

/**
 * One change the request made, kept so a conflicting store write can replay it on the record
 * another request stored meanwhile: every change is logged, not only the data's, so that record's
 * own flashes, CSRF token and permanence survive the replay.
 */
type Change =
  | { readonly op: 'set'; readonly key: string; readonly value: unknown }
  | { readonly op: 'delete'; readonly key: string }
  | { readonly op: 'update'; readonly key: string; readonly fn: (value: unknown) => unknown }
  | { readonly op: 'clear' }
  | { readonly op: 'permanent'; readonly value: boolean }
  | { readonly op: 'flash'; readonly flash: FlashMessage }
  | { readonly op: 'take'; readonly taken: readonly FlashMessage[] }
  | { readonly op: 'csrf'; readonly token: string }

/** What the engine needs to act on session calls that reach outside the data. */
export interface SessionHooks {
  /** Before every change: throws `HEADERS_SENT` when the response can no longer carry it. */
  beforeChange(): void
  /** The app read the session the first time: the response now depends on who asks. */
  onRead(): void
  /**
   * The CSRF token of a visitor without a session, which lives in a signed cookie of its own so
   * that a form before login costs no stored session: the one the request carried, or with
   * `create` a new one. `undefined` where the engine keeps such a token in the session instead.
   */
  anonymousCsrfToken(create: boolean): string | undefined
  regenerate(): Promise<void>
  destroy(): Promise<void>
  save(): Promise<void>
}

/**
 * The live session of one request: Flask's dict semantics over a plain object (own keys only,
 * so `__proto__` is an ordinary key), with a log of every change for replay after a write
 * conflict.
 */
export class SessionState<Data extends object = SessionData> implements Session<Data> {
  /**
   * The data as loaded, read in place (own keys only) until the first change copies it into
   * {@link #data}: a request that only reads copies nothing.
   */
  #loaded: Readonly<Record<string, unknown>>
  /** This request's own copy, made on the first change. */
  #data: Record<string, unknown> | undefined
  #changes: Change[] | undefined
  #permanent: boolean
  /** Replaced, never mutated: the loaded array is shared with the record it came from. */
  #flashes: readonly FlashMessage[]
  #csrf: string | undefined
  /** A revocable cookie session's login stamp, kept as loaded; a new identity drops it. */
  #stamp: SessionStamp | undefined
  #createdAt: number
  #touchedAt: number
  #modified = false
  /** Whether the app has read anything yet (reads by the engine itself do not count). */
  #read = false
  #isNew: boolean
  readonly #hooks: SessionHooks

  constructor(record: SessionRecord | undefined, now: number, hooks: SessionHooks) {
    this.#hooks = hooks
    this.#isNew = record === undefined
    this.#createdAt = record?.createdAt ?? now
    this.#touchedAt = record?.touchedAt ?? now
    this.#loaded = record?.data ?? NO_DATA
    this.#permanent = record?.permanent ?? false
    this.#flashes = record?.flashes ?? NO_FLASHES
    this.#csrf = record?.csrf
    this.#stamp = record?.stamp
  }

  get isNew(): boolean {
    return this.#isNew
  }

  get modified(): boolean {
    return this.#modified
  }

  /** Whether the session holds nothing worth a cookie. */
  get empty(): boolean {
    return !this.#hasData() && this.#flashes.length === 0 && this.#csrf === undefined
  }

  get createdAt(): number {
    return this.#createdAt
  }

  get touchedAt(): number {
    return this.#touchedAt
  }

  get<K extends keyof Data & string>(key: K): Data[K] | undefined {
    this.#markRead()
    return this.#value(key) as Data[K] | undefined
  }

  set<K extends keyof Data & string>(key: K, value: Data[K]): void {
    if (value === undefined) {
      this.pop(key)
      return
    }
    this.#record({ op: 'set', key, value })
  }

  update<K extends keyof Data & string>(
    key: K,
    fn: (current: Data[K] | undefined) => Data[K] | undefined,
  ): Data[K] | undefined {
    this.#markRead()
    this.#record({ op: 'update', key, fn: fn as (value: unknown) => unknown })
    return this.#value(key) as Data[K] | undefined
  }

  has(key: keyof Data & string): boolean {
    this.#markRead()
    return Object.hasOwn(this.#data ?? this.#loaded, key)
  }

  pop<K extends keyof Data & string>(key: K): Data[K] | undefined {
    const value = this.get(key)
    if (this.has(key)) this.#record({ op: 'delete', key })
    return value
  }

  clear(): void {
    if (this.empty) return
    this.#record({ op: 'clear' })
  }

  keys(): (keyof Data & string)[] {
    this.#markRead()
    return Object.keys(this.#data ?? this.#loaded) as (keyof Data & string)[]
  }

  get permanent(): boolean {
    return this.#permanent
  }

  set permanent(value: boolean) {
    if (value === this.#permanent) return
    this.#record({ op: 'permanent', value })
  }

  flash(message: string, category = 'message'): void {
    this.#record({ op: 'flash', flash: { category, message } })
  }

  flashes(options: FlashesOptions = {}): FlashMessage[] {
    this.#markRead()
    const wanted = options.categories
    const taken = wanted ? this.#flashes.filter((f) => wanted.includes(f.category)) : this.#flashes
    if (taken.length === 0) return []
    this.#record({ op: 'take', taken })
    return [...taken]
  }

  csrfToken(): string {
    this.#markRead()
    if (this.#csrf !== undefined) return this.#csrf
    if (this.empty) {
      const anonymous = this.#hooks.anonymousCsrfToken(true)
      if (anonymous !== undefined) return anonymous
    }
    const token = randomToken()
    this.#record({ op: 'csrf', token })
    return token
  }

  /** The CSRF token if one was issued (to the session, or to a visitor without one), without issuing one. */
  csrfTokenIfAny(): string | undefined {
    return this.#csrf ?? (this.empty ? this.#hooks.anonymousCsrfToken(false) : undefined)
  }

  /**
   * Keeps `token`, issued to this request as a visitor's, as the session's own, for a session
   * that came to hold data in the same request (the page that embedded the token must still
   * pass). Called by the engine at the commit, past the point where changes are checked.
   */
  adoptCsrfToken(token: string): void {
    if (this.#csrf === undefined) this.#log({ op: 'csrf', token })
  }

  regenerate(callback?: (error?: unknown) => void): Promise<void> {
    return settle(callback, () => this.#hooks.regenerate())
  }

  destroy(callback?: (error?: unknown) => void): Promise<void> {
    return settle(callback, () => this.#hooks.destroy())
  }

  /** Commits now instead of before the response headers, so a failure reaches the caller. */
  save(callback?: (error?: unknown) => void): Promise<void> {
    return settle(callback, () => this.#hooks.save())
  }

  /** The data as a plain object of its own, for `JSON.stringify(session)` and logging. */
  toJSON(): Data {
    this.#markRead()
    // Spread defines own properties, so a `__proto__` key stays a key.
    return { ...(this.#data ?? this.#loaded) } as Data
  }

  /** Forgets everything, as a new session that must not outlive the request (`destroy()`). */
  reset(now: number): void {
    this.#loaded = NO_DATA
    this.#data = undefined
    this.#changes = undefined
    this.#flashes = NO_FLASHES
    this.#csrf = undefined
    this.#stamp = undefined
    this.#permanent = false
    this.#createdAt = now
    this.#touchedAt = now
    this.#isNew = true
    this.#modified = true
  }

  /** A fresh identity for the same data: new creation time and CSRF token (login). */
  renew(now: number): void {
    this.#createdAt = now
    this.#stamp = undefined
    if (this.#csrf !== undefined) this.#csrf = randomToken()
    this.#modified = true
  }

  /** Marks the session as persisted under `now`; the change log starts again. */
  committed(now: number): void {
    this.#touchedAt = now
    this.#changes = undefined
    this.#modified = false
    this.#isNew = false
  }

  /** The record to persist, as of `now`. */
  toRecord(now: number, userKey: string | undefined): SessionRecord {
    const data = this.#data ?? this.#loaded
    const record: {
      -readonly [K in keyof SessionRecord]: SessionRecord[K]
    } = {
      data,
      createdAt: this.#createdAt,
      touchedAt: now,
      permanent: this.#permanent,
    }
    // Read in place: the engine's own reads do not make the response personal.
    const userId = userKey !== undefined && Object.hasOwn(data, userKey) ? data[userKey] : undefined
    if (userId !== undefined && userId !== null) record.userId = String(userId)
    if (this.#flashes.length > 0) record.flashes = this.#flashes
    if (this.#csrf !== undefined) record.csrf = this.#csrf
    if (this.#stamp !== undefined) record.stamp = this.#stamp
    return record
  }

  /**
   * Replays this request's changes on a newer stored record (conflict replay): its data,
   * flashes, CSRF token and permanence as the other request left them, then each change again,
   * `update` functions on the newer values.
   */
  rebase(base: SessionRecord): void {
    this.#loaded = base.data
    this.#data = undefined
    this.#permanent = base.permanent
    this.#flashes = base.flashes ?? NO_FLASHES
    this.#csrf = base.csrf
    for (const change of this.#changes ?? []) this.#apply(change)
  }

  #markRead(): void {
    if (this.#read) return
    this.#read = true
    this.#hooks.onRead()
  }

  #value(key: string): unknown {
    const data = this.#data ?? this.#loaded
    return Object.hasOwn(data, key) ? data[key] : undefined
  }

  #record(change: Change): void {
    this.#hooks.beforeChange()
    this.#log(change)
  }

  #log(change: Change): void {
    this.#apply(change)
    if (this.#changes === undefined) this.#changes = [change]
    else this.#changes.push(change)
    this.#modified = true
  }

  #apply(change: Change): void {
    switch (change.op) {
      case 'set':
        defineKey(this.#ownData(), change.key, change.value)
        return
      case 'delete':
        delete this.#ownData()[change.key]
        return
      case 'update': {
        const next = change.fn(this.#value(change.key))
        if (next === undefined) delete this.#ownData()[change.key]
        else defineKey(this.#ownData(), change.key, next)
        return
      }
      case 'clear':
        this.#data = {}
        this.#flashes = NO_FLASHES
        this.#csrf = undefined
        return
      case 'permanent':
        this.#permanent = change.value
        return
      case 'flash':
        this.#flashes = [...this.#flashes, change.flash]
        return
      case 'take':
        this.#flashes = without(this.#flashes, change.taken)
        return
      case 'csrf':
        // Replayed on a record whose token another request already served, that one stays.
        this.#csrf ??= change.token
        return
    }
  }

  /** This request's copy of the data, made on the first change. */
  #ownData(): Record<string, unknown> {
    if (this.#data === undefined) this.#data = copyOf(this.#loaded)
    return this.#data
  }

  #hasData(): boolean {
    const data = this.#data ?? this.#loaded
    for (const key in data) if (Object.hasOwn(data, key)) return true
    return false
  }
}

/**
 * Assigning a property (`session.username = 'eve'`, an express-session habit) would store
 * nothing, silently: the end of the session's prototype chain traps such assignments and
 * throws, naming `session.set`. Only names the class does not define reach the trap, so
 * methods, accessors (`permanent`) and private fields are untouched.
 */
Object.setPrototypeOf(
  SessionState.prototype,
  new Proxy(Object.prototype, {
    set(_target, key) {
      const name = String(key)
      throw new TypeError(
        `session.${name} = … stores nothing: a crumbs session changes through its methods. Use session.set('${name}', value).`,
      )
    },
  }),
)

/**
 * `run()`'s promise; with an express-session style `callback`, the callback gets the outcome
 * (error first) and the promise never rejects, so nothing is left unhandled.
 */
function settle(
  callback: ((error?: unknown) => void) | undefined,
  run: () => Promise<void>,
): Promise<void> {
  if (callback === undefined) return run()
  if (typeof callback !== 'function') {
    throw new TypeError(
      'The session method takes a callback function, or none (it returns a promise).',
    )
  }
  return run().then(
    () => callback(),
    (error: unknown) => callback(error),
  )
}

const NO_DATA: Readonly<Record<string, unknown>> = Object.freeze({})
const NO_FLASHES: readonly FlashMessage[] = Object.freeze([])

/**
 * A copy of `data`'s own keys. Spread defines properties (it never calls the `__proto__`
 * setter), and the copy stays an ordinary object, which V8 keeps in its fast mode where an
 * object without a prototype would start as a dictionary.
 */
function copyOf(data: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return { ...data }
}

/** Sets `key`; assigning `__proto__` would replace the object's prototype, so it is defined. */
function defineKey(data: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') {
    Object.defineProperty(data, key, {
      value,
      writable: true,
      enumerable: true,
      configurable: true,
    })
  } else data[key] = value
}

/** `flashes` without one occurrence of each of `taken` (the messages a request showed). */
function without(
  flashes: readonly FlashMessage[],
  taken: readonly FlashMessage[],
): readonly FlashMessage[] {
  const left = [...flashes]
  for (const flash of taken) {
    const at = left.findIndex((f) => f.category === flash.category && f.message === flash.message)
    if (at !== -1) left.splice(at, 1)
  }
  return left.length === 0 ? NO_FLASHES : left
}
