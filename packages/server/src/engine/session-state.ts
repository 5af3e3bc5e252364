import {
  type FlashesOptions,
  type FlashMessage,
  randomToken,
  type Session,
  type SessionData,
  type SessionRecord,
} from '@crumbs/core'

/** One change to the data, kept so a conflicting store write can replay it on fresh data. */
type Change =
  | { readonly op: 'set'; readonly key: string; readonly value: unknown }
  | { readonly op: 'delete'; readonly key: string }
  | { readonly op: 'clear' }

/** What the engine needs to act on session calls that reach outside the data. */
export interface SessionHooks {
  /** Before every change: throws `HEADERS_SENT` when the response can no longer carry it. */
  beforeChange(): void
  /** The app read the session the first time: the response now depends on who asks. */
  onRead(): void
  regenerate(): Promise<void>
  destroy(): Promise<void>
  save(): Promise<void>
}

/**
 * The live session of one request: Flask's dict semantics over a plain object (own keys only,
 * so `__proto__` is an ordinary key), with a log of changes for replay after a write conflict.
 */
export class SessionState<Data extends SessionData = SessionData> implements Session<Data> {
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
  #createdAt: number
  #touchedAt: number
  #modified = false
  /** Whether the app has read anything yet (reads by the engine itself do not count). */
  #read = false
  #isNew: boolean
  readonly #hooks: SessionHooks

  constructor(record: SessionRecord | undefined, now: number, hooks: SessionHooks) {
    this.#hooks = hooks
    if (record === undefined) {
      this.#isNew = true
      this.#loaded = NO_DATA
      this.#permanent = false
      this.#flashes = NO_FLASHES
      this.#createdAt = now
      this.#touchedAt = now
    } else {
      this.#isNew = false
      this.#loaded = record.data
      this.#permanent = record.permanent
      this.#flashes = record.flashes ?? NO_FLASHES
      this.#csrf = record.csrf
      this.#createdAt = record.createdAt
      this.#touchedAt = record.touchedAt
    }
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
    const data = this.#data ?? this.#loaded
    return (Object.hasOwn(data, key) ? data[key] : undefined) as Data[K] | undefined
  }

  set<K extends keyof Data & string>(key: K, value: Data[K]): void {
    if (value === undefined) {
      this.pop(key)
      return
    }
    this.#write({ op: 'set', key, value })
  }

  has(key: keyof Data & string): boolean {
    this.#markRead()
    return Object.hasOwn(this.#data ?? this.#loaded, key)
  }

  pop<K extends keyof Data & string>(key: K): Data[K] | undefined {
    const value = this.get(key)
    if (this.has(key)) this.#write({ op: 'delete', key })
    return value
  }

  clear(): void {
    if (this.empty) return
    this.#hooks.beforeChange()
    this.#flashes = NO_FLASHES
    this.#csrf = undefined
    this.#write({ op: 'clear' })
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
    this.#hooks.beforeChange()
    this.#permanent = value
    this.#modified = true
  }

  flash(message: string, category = 'message'): void {
    this.#hooks.beforeChange()
    this.#flashes = [...this.#flashes, { category, message }]
    this.#modified = true
  }

  flashes(options: FlashesOptions = {}): FlashMessage[] {
    this.#markRead()
    if (this.#flashes.length === 0) return []
    const wanted = options.categories
    const taken = wanted
      ? this.#flashes.filter((f) => wanted.includes(f.category))
      : [...this.#flashes]
    if (taken.length === 0) return []
    this.#hooks.beforeChange()
    this.#flashes = wanted ? this.#flashes.filter((f) => !wanted.includes(f.category)) : NO_FLASHES
    this.#modified = true
    return taken
  }

  csrfToken(): string {
    this.#markRead()
    if (this.#csrf === undefined) {
      this.#hooks.beforeChange()
      this.#csrf = randomToken()
      this.#modified = true
    }
    return this.#csrf
  }

  /** The CSRF token if one was issued, without issuing one. */
  csrfTokenIfAny(): string | undefined {
    return this.#csrf
  }

  regenerate(): Promise<void> {
    return this.#hooks.regenerate()
  }

  destroy(): Promise<void> {
    return this.#hooks.destroy()
  }

  /** Commits now instead of before the response headers, so a failure reaches the caller. */
  save(): Promise<void> {
    return this.#hooks.save()
  }

  /** The data as a plain object of its own, for `JSON.stringify(session)` and logging. */
  toJSON(): Data {
    this.#markRead()
    // Spread defines own properties, so a `__proto__` key stays a key.
    return { ...this.#plainData() } as Data
  }

  /** Forgets everything, as a new session that must not outlive the request (`destroy()`). */
  reset(now: number): void {
    this.#loaded = NO_DATA
    this.#data = undefined
    this.#changes = undefined
    this.#flashes = NO_FLASHES
    this.#csrf = undefined
    this.#permanent = false
    this.#createdAt = now
    this.#touchedAt = now
    this.#isNew = true
    this.#modified = true
  }

  /** A fresh identity for the same data: new creation time and CSRF token (login). */
  renew(now: number): void {
    this.#createdAt = now
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
    const data = this.#plainData()
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
    return record
  }

  /** Applies this request's data changes on top of a newer stored record (conflict replay). */
  rebase(base: SessionRecord): void {
    let data = copyOf(base.data)
    for (const change of this.#changes ?? []) data = apply(data, change)
    this.#data = data
  }

  #markRead(): void {
    if (this.#read) return
    this.#read = true
    this.#hooks.onRead()
  }

  #write(change: Change): void {
    this.#hooks.beforeChange()
    this.#data = apply(this.#data ?? copyOf(this.#loaded), change)
    if (this.#changes === undefined) this.#changes = [change]
    else this.#changes.push(change)
    this.#modified = true
  }

  #hasData(): boolean {
    const data = this.#data ?? this.#loaded
    for (const key in data) if (Object.hasOwn(data, key)) return true
    return false
  }

  /** The data to persist: the loaded object while nothing changed, else this request's copy. */
  #plainData(): Record<string, unknown> {
    return this.#data ?? this.#loaded
  }
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

/** `data` after one change: changed in place, or a new object when it was cleared. */
function apply(data: Record<string, unknown>, change: Change): Record<string, unknown> {
  if (change.op === 'clear') return {}
  if (change.op === 'delete') delete data[change.key]
  // Assigning `__proto__` would replace the object's prototype: define it as a key instead.
  else if (change.key === '__proto__') {
    Object.defineProperty(data, '__proto__', {
      value: change.value,
      writable: true,
      enumerable: true,
      configurable: true,
    })
  } else data[change.key] = change.value
  return data
}
