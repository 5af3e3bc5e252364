import type { MaybePromise } from '../maybe-sync/then-maybe.js'
import type { SessionRecord } from './session.js'

/** A record as a store returns it, with the version a conditional write compares against. */
export interface StoredSession<Data extends object = Record<string, unknown>> {
  readonly record: SessionRecord<Data>
  /**
   * Increases by one with every successful write of this id; a new (or expired, then rewritten)
   * id starts at 1.
   */
  readonly version: number
  /** When the store will forget the record, in Unix epoch seconds. */
  readonly expiresAt: number
}

/** Options of {@link SessionStore.set}. */
export interface StoreSetOptions {
  /** Seconds until the store may forget the record; a positive number, else `INVALID_OPTION`. */
  readonly ttl: number
  /**
   * Write only if the stored version is still this one (`null`: only if the id does not exist;
   * an expired record counts as absent). The check and the write are one atomic step. Omit for
   * an unconditional write.
   */
  readonly expectedVersion?: number | null
}

/** The outcome of {@link SessionStore.set}: the new version, or a conflict to re-read and replay. */
export type StoreSetResult =
  | { readonly ok: true; readonly version: number }
  | { readonly ok: false; readonly reason: 'conflict' }

/**
 * The contract every session store implements. All methods reject with a `CrumbsError`
 * (`STORE_UNAVAILABLE`, the driver's error as `cause`) when the backend fails, and with
 * `INVALID_SESSION_ID` before any I/O when an id is not of the engine's shape.
 */
export interface SessionStore {
  /** The live record under `id`, or `undefined` when unknown or expired. */
  get(id: string): Promise<StoredSession | undefined>
  /** Writes the record, conditionally when `expectedVersion` is given. */
  set(id: string, record: SessionRecord, options: StoreSetOptions): Promise<StoreSetResult>
  /**
   * Extends the life of a live `id` to `ttl` seconds from now without changing its data or
   * version; an unknown or expired id stays absent.
   */
  touch(id: string, ttl: number): Promise<void>
  /** Forgets `id`; deleting an unknown id is not an error. */
  delete(id: string): Promise<void>
  /** The live session ids of one user: those whose current record names this `userId`. */
  listUserSessions(userId: string): Promise<string[]>
  /** Deletes every live session of one user and returns how many it deleted. */
  deleteUserSessions(userId: string): Promise<number>
  /** Releases what the store opened itself (never the user's own client). */
  close?(): Promise<void>
  /**
   * For a store whose backend lives in the process (memory, an embedded database driven on
   * the event loop's thread): the record operations again, answering with the result itself
   * whenever it has it at once, else with a promise (a {@link MaybePromise}). The engine then
   * loads and commits a session without a microtask, which is most of a session's cost in a
   * busy server. The answers must be exactly those of the methods above; failures throw
   * synchronously, with the same codes, when they happen synchronously. The engine uses the face
   * only while its `owner` is the very store object it was given, so a wrapper built from a
   * store's members (`{ ...store, get }`, a `Proxy`, a map over its entries) is called through
   * its own promise methods, never bypassed.
   */
  readonly maybeSync?: MaybeSyncSessionStore
}

/** The optional maybe-synchronous face of a {@link SessionStore}; see `maybeSync`. */
export interface MaybeSyncSessionStore {
  /** The store whose operations these are: the engine ignores a face whose owner is another object. */
  readonly owner: SessionStore
  get(id: string): MaybePromise<StoredSession | undefined>
  set(id: string, record: SessionRecord, options: StoreSetOptions): MaybePromise<StoreSetResult>
  touch(id: string, ttl: number): MaybePromise<void>
  delete(id: string): MaybePromise<void>
}
