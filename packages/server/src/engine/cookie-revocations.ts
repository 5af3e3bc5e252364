import {
  CrumbsError,
  randomToken,
  type SessionRecord,
  type SessionStamp,
  type SessionStore,
  type StoredSession,
} from '@crumbs/core'
import { type MaybePromise, sha256Base64Url, thenMaybe } from '@crumbs/core/engine'
import { StoreCalls } from './store-calls.js'

/** What a store keeps for one user: when everything before was revoked, and revoked logins. */
interface UserRevocations {
  /** Unix ms: every login of the user issued before is revoked (log out everywhere). */
  readonly notBefore?: number
  /** Revoked login ids, each with the Unix seconds after which its cookie is dead anyway. */
  readonly revoked?: Readonly<Record<string, number>>
}

/** Each user's record lives under the SHA-256 of this and the user id: a fixed-length store id. */
const USER_ID_PREFIX = 'crumbs/revocation/v1:'

/**
 * Revocation for cookie sessions, kept in any {@link SessionStore}: a cookie that carries a
 * user carries a stamp (its login's id and issue time), `destroy()` records that id until the
 * cookie could no longer live anyway, and `destroyUserSessions(userId)` records a per-user
 * not-before time. One record per user, so checking a cookie is one store read, and a cookie
 * without a user costs none. Writes are versioned, so concurrent revocations all persist.
 */
export class CookieRevocations {
  readonly #store: StoreCalls
  readonly #retries: number
  /** Seconds a cookie can live at most: the longest a revocation must be remembered. */
  readonly #longest: number

  constructor(store: SessionStore, storeTimeout: number, retries: number, longest: number) {
    this.#store = new StoreCalls(store, storeTimeout)
    this.#retries = retries
    this.#longest = longest
  }

  /** A new stamp for a login issued now. */
  stamp(): SessionStamp {
    return { id: randomToken(16), issuedAt: Date.now() }
  }

  /**
   * Whether a cookie of `userId` was revoked: its stamp's id (or, for a cookie issued before
   * revocation was on, its creation time) against the user's record. One store read.
   */
  isRevoked(
    userId: string,
    stamp: SessionStamp | undefined,
    createdAt: number,
  ): MaybePromise<boolean> {
    const issuedAt = stamp?.issuedAt ?? createdAt * 1000
    return thenMaybe(this.#read(userId), (found) => {
      const revocations = revocationsOf(found?.stored)
      if (revocations.notBefore !== undefined && issuedAt < revocations.notBefore) return true
      return stamp !== undefined && revocations.revoked?.[stamp.id] !== undefined
    })
  }

  /** `destroy()`: the login `id` of `userId` is revoked until `until` (Unix seconds). */
  revoke(userId: string, id: string, until: number): Promise<void> {
    return this.#change(userId, (current, now) => {
      const revoked: Record<string, number> = {}
      // Entries whose cookies are dead anyway are dropped on every write, so a record stays small.
      for (const [key, expires] of Object.entries(current.revoked ?? {})) {
        if (expires > now) revoked[key] = expires
      }
      revoked[id] = until
      return { ...current, revoked }
    })
  }

  /** `destroyUserSessions(userId)`: every login of `userId` issued until now is revoked. */
  revokeAll(userId: string): Promise<void> {
    const notBefore = Date.now()
    return this.#change(userId, (current) => ({ ...current, notBefore }))
  }

  #read(userId: string): MaybePromise<{ id: string; stored: StoredSession | undefined }> {
    return thenMaybe(sha256Base64Url(`${USER_ID_PREFIX}${userId}`), (id) =>
      thenMaybe(this.#store.get(id), (stored) => ({ id, stored })),
    )
  }

  /** A versioned read-modify-write of the user's record, replayed on a conflict. */
  async #change(
    userId: string,
    change: (current: UserRevocations, now: number) => UserRevocations,
  ): Promise<void> {
    for (let attempt = 0; attempt <= this.#retries; attempt++) {
      const { id, stored } = await this.#read(userId)
      const now = Math.floor(Date.now() / 1000)
      const next = change(revocationsOf(stored), now)
      const expires = Math.max(0, ...Object.values(next.revoked ?? {})) - now
      const ttl = Math.max(1, next.notBefore === undefined ? expires : this.#longest, expires)
      const record: SessionRecord = {
        data: { ...next },
        createdAt: stored?.record.createdAt ?? now,
        touchedAt: now,
        permanent: false,
      }
      const written = await this.#store.set(id, record, {
        ttl,
        expectedVersion: stored?.version ?? null,
      })
      if (written.ok) return
    }
    throw new CrumbsError(
      'SESSION_CONFLICT',
      'The revocations of this user kept changing under concurrent requests; try again.',
      { details: { attempts: this.#retries + 1 } },
    )
  }
}

/** A user's revocations as stored, read defensively (the store is not ours alone). */
function revocationsOf(stored: StoredSession | undefined): UserRevocations {
  const data = stored?.record.data
  if (data === undefined) return {}
  const notBefore = typeof data.notBefore === 'number' ? data.notBefore : undefined
  const revoked =
    typeof data.revoked === 'object' && data.revoked !== null
      ? (data.revoked as Record<string, number>)
      : undefined
  return {
    ...(notBefore === undefined ? {} : { notBefore }),
    ...(revoked === undefined ? {} : { revoked }),
  }
}
