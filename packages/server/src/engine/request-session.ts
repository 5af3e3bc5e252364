import {
  generateSessionId,
  type MaybePromise,
  type SessionRecord,
  signMaybeSync,
} from '@crumbs/core'
import type { SessionCodec } from '../codecs/session-codec.js'
import { keepPrivate, varyOnCookie } from './cache-headers.js'
import type { HttpPort } from './http-port.js'
import type { Committer, RequestContext } from './request-context.js'
import type { SessionCookie } from './session-cookie.js'
import type { ResolvedSessionOptions } from './session-options.js'
import { type SessionHooks, SessionState } from './session-state.js'
import type { StoreCalls } from './store-calls.js'
import { VersionedWrite } from './versioned-write.js'

export const ID_PURPOSE = 'session-id'

export const nowSeconds = (): number => Math.floor(Date.now() / 1000)

/** Where one request's session came from. */
export interface Loaded {
  readonly record: SessionRecord | undefined
  /** The cookie verified under a fallback secret: re-issue it under the newest. */
  readonly rotated: boolean
  /** The request carried a session cookie (valid or not). */
  readonly hadCookie: boolean
  /** Store sessions: the id, its version and when the store forgets it. */
  readonly id?: string
  readonly version?: number
  readonly expiresAt?: number
}

/** What every request of one engine shares: options, codec or store, cookie templates. */
export interface EngineShared {
  readonly opts: ResolvedSessionOptions
  /** Cookie sessions: how the record becomes the cookie value. */
  readonly codec: SessionCodec | undefined
  /** Store sessions: the store behind deadlines and per-session ordering. */
  readonly store: StoreCalls | undefined
  /** Seconds left of a session created at `createdAt`, by the absolute timeout. */
  absoluteRemaining(createdAt: number, now: number): number
  /** Seconds the store keeps a session after this request, within its absolute lifetime. */
  storeTtl(createdAt: number, now: number): number
}

/**
 * One request's session: the {@link SessionState} the app sees, and everything its commit must
 * do (store writes with conflict replay, cookie issue, refresh, expiry).
 */
export class RequestSession implements SessionHooks, Committer {
  readonly session: SessionState
  readonly #shared: EngineShared
  readonly #port: HttpPort
  readonly #context: RequestContext
  readonly #loaded: Loaded
  readonly #cookie: SessionCookie
  #id: string | undefined
  #version: number | undefined
  #obsoleteId: string | undefined
  #cookieStale: boolean

  constructor(
    shared: EngineShared,
    port: HttpPort,
    context: RequestContext,
    loaded: Loaded,
    cookie: SessionCookie,
    now: number,
  ) {
    this.#shared = shared
    this.#port = port
    this.#context = context
    this.#loaded = loaded
    this.#cookie = cookie
    this.#id = loaded.id
    this.#version = loaded.version
    this.#cookieStale = loaded.rotated
    this.session = new SessionState(loaded.record, now, this)
    context.attachSession(this.session, this)
    // A refused cookie is cleared even when the request never touches the session.
    if (loaded.hadCookie && loaded.record === undefined) context.markDirty()
    if (this.#cookieStale || this.#rollingDue(now)) context.markDirty()
  }

  beforeChange(): void {
    this.#context.beforeChange()
  }

  save(): Promise<void> {
    return this.#context.commit()
  }

  async regenerate(): Promise<void> {
    this.#context.beforeChange()
    this.session.renew(nowSeconds())
    this.#cookieStale = true
    if (this.#shared.store === undefined) return
    if (this.#id !== undefined && this.#version !== undefined) this.#obsoleteId ??= this.#id
    this.#id = undefined
    this.#version = undefined
  }

  async destroy(): Promise<void> {
    this.#context.assertWritable()
    const store = this.#shared.store
    if (store !== undefined) {
      if (this.#id !== undefined && this.#version !== undefined) await store.delete(this.#id)
      if (this.#obsoleteId !== undefined) await store.delete(this.#obsoleteId)
      this.#id = undefined
      this.#version = undefined
      this.#obsoleteId = undefined
    }
    this.session.reset(nowSeconds())
    this.#cookieStale = false
    this.#context.markDirty()
  }

  /**
   * Persists the session and emits its cookie; called once by the request's context.
   * `undefined` when that is done at once (cookie sessions on node:crypto), else a promise.
   */
  commit(): MaybePromise<void> {
    const at = nowSeconds()
    const store = this.#shared.store
    const work =
      store === undefined ? this.#commitCookieSession(at) : this.#commitStoreSession(store, at)
    if (work instanceof Promise) return work.then(() => this.#committed(at))
    this.#committed(at)
  }

  #committed(at: number): void {
    if (this.session.modified) this.session.committed(at)
    this.#cookieStale = false
  }

  #rollingDue(at: number): boolean {
    const { opts } = this.#shared
    const session = this.session
    if (!opts.rolling || session.isNew) return false
    const expiresAt = this.#loaded.expiresAt
    if (expiresAt !== undefined) {
      return this.#shared.storeTtl(session.createdAt, at) - (expiresAt - at) >= opts.refreshAfter
    }
    return at - session.touchedAt >= opts.refreshAfter
  }

  #setCookie(value: string, at: number): void {
    const session = this.session
    // Whole seconds within the options' maxAge: the times are integers, checked on load.
    const maxAge = session.permanent
      ? Math.max(
          0,
          Math.min(this.#shared.opts.maxAge, this.#shared.absoluteRemaining(session.createdAt, at)),
        )
      : undefined
    this.#port.appendSetCookie(this.#cookie.line(value, maxAge))
    varyOnCookie(this.#port)
    keepPrivate(this.#port)
  }

  #expireCookie(): void {
    this.#port.appendSetCookie(this.#cookie.expired)
    varyOnCookie(this.#port)
    keepPrivate(this.#port)
  }

  /** Sets the cookie to the signed session id. */
  #issueId(at: number): MaybePromise<void> {
    const signed = signMaybeSync(this.#id!, {
      keys: this.#shared.opts.keys,
      name: this.#cookie.name,
      purpose: ID_PURPOSE,
    })
    if (signed instanceof Promise) return signed.then((value) => this.#setCookie(value, at))
    this.#setCookie(signed, at)
  }

  #commitCookieSession(at: number): MaybePromise<void> {
    const session = this.session
    const { opts } = this.#shared
    if (session.empty) {
      // Cleared, destroyed or refused: the browser should forget the cookie.
      if (this.#loaded.hadCookie && (session.modified || session.isNew)) this.#expireCookie()
      return
    }
    if (!session.modified && !this.#cookieStale && !this.#rollingDue(at)) return
    const record = session.toRecord(at, opts.userKey)
    const expiresAt = Math.min(
      at + (opts.idleTimeout > 0 ? opts.idleTimeout : opts.maxAge),
      record.createdAt + (opts.absoluteTimeout > 0 ? opts.absoluteTimeout : opts.maxAge + at),
    )
    const value = this.#shared.codec!.encode(record, this.#cookie.name, expiresAt)
    if (value instanceof Promise) return value.then((text) => this.#setCookie(text, at))
    this.#setCookie(value, at)
  }

  #commitStoreSession(store: StoreCalls, at: number): MaybePromise<void> {
    const session = this.session
    const hadCookie = this.#loaded.hadCookie
    if (session.modified && session.empty) return this.#deleteStored(store, hadCookie)
    if (session.modified) {
      const fresh = this.#id === undefined
      if (fresh) {
        this.#id = generateSessionId()
        this.#version = undefined
      }
      const id = this.#id!
      const write = new VersionedWrite(this.#shared, this.session, store, id, this.#version, at)
      // An in-process store writes at once, and no other commit of this session can run
      // meanwhile; otherwise commits of one session in this process take turns.
      const written =
        store.immediate && !store.busy(id)
          ? write.now()
          : store.oneAtATime(id, (waited) => write.afterTurn(waited))
      const done = (ok: boolean) => {
        this.#version = write.version
        return this.#afterWrite(store, at, ok, fresh, hadCookie)
      }
      return written instanceof Promise ? written.then(done) : done(written)
    }
    if (session.isNew) {
      if (hadCookie) this.#expireCookie()
      return
    }
    const refresh = this.#rollingDue(at)
    const reissue = this.#cookieStale || (refresh && session.permanent)
    if (refresh) {
      const touched = store.touchNow(this.#id!, this.#shared.storeTtl(session.createdAt, at))
      if (touched instanceof Promise) {
        return touched.then(() => (reissue ? this.#issueId(at) : undefined))
      }
    }
    if (reissue) return this.#issueId(at)
  }

  /** The session was emptied: forget it in the store and in the browser. */
  async #deleteStored(store: StoreCalls, hadCookie: boolean): Promise<void> {
    if (this.#id !== undefined && this.#version !== undefined) await store.delete(this.#id)
    if (this.#obsoleteId !== undefined) await store.delete(this.#obsoleteId)
    if (hadCookie) this.#expireCookie()
  }

  #afterWrite(
    store: StoreCalls,
    at: number,
    written: boolean,
    fresh: boolean,
    hadCookie: boolean,
  ): MaybePromise<void> {
    if (!written) {
      if (hadCookie) this.#expireCookie()
      return
    }
    const issue = fresh || this.#cookieStale || this.session.permanent || !hadCookie
    if (this.#obsoleteId !== undefined) {
      const deleted = store.deleteNow(this.#obsoleteId)
      if (deleted instanceof Promise) {
        return deleted.then(() => (issue ? this.#issueId(at) : undefined))
      }
    }
    if (issue) return this.#issueId(at)
  }
}
