import type { AddressInfo } from 'node:net'
import { memoryStore } from '@crumbs/server/stores/memory'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { createApp } from '../server/create-app.js'
import { createLoginGuard, HASHING_BOUNDS } from '../server/login-guard.js'
import { createLoginThrottle, LOGIN_LIMITS, type LoginThrottle } from '../server/login-throttle.js'
import { sqliteUserRows } from '../server/sqlite-user-rows.js'
import { createUserDirectory, DEMO_USERS, SCRYPT_HASHER } from '../server/user-directory.js'
import { Browser } from './harness/browser.js'

/** The real scrypt hasher, counting how many password checks run at once. */
function instrumentedScrypt() {
  const seen = { running: 0, peak: 0, checks: 0 }
  return {
    seen,
    hasher: {
      hash: SCRYPT_HASHER.hash,
      async verify(password: string, stored: string) {
        seen.checks++
        seen.running++
        seen.peak = Math.max(seen.peak, seen.running)
        try {
          return await SCRYPT_HASHER.verify(password, stored)
        } finally {
          seen.running--
        }
      },
    },
  }
}

const closers: (() => Promise<void>)[] = []
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()))
})

/** The example with real users (SQLite, scrypt) behind `hasher`, and the throttle in memory. */
async function serve(hasher: typeof SCRYPT_HASHER): Promise<string> {
  const db = new Database(':memory:')
  const users = await createUserDirectory(sqliteUserRows(db), hasher)
  await users.seed(DEMO_USERS)
  const throttle: LoginThrottle = await createLoginThrottle({ kind: 'memory' })
  const app = createApp({
    logins: createLoginGuard({ users, throttle }),
    session: { secret: 'test-secret-test-secret-test-secret-42', store: memoryStore() },
    sessions: 'memory',
    sessionsExplained: 'In memory.',
    assets: { head: '' },
  })
  const server = app.listen(0, '127.0.0.1')
  await new Promise((resolve) => server.once('listening', resolve))
  closers.push(async () => {
    await new Promise<void>((resolve) => {
      server.close(() => resolve())
      server.closeAllConnections()
    })
    await throttle.close()
    db.close()
  })
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}

/** `n` logins sent at once, each from its own browser with its own CSRF token. */
async function flood(base: string, n: number, username: (i: number) => string) {
  const browsers = Array.from({ length: n }, () => new Browser(base))
  const tokens = await Promise.all(browsers.map((b) => b.formToken()))
  return Promise.all(
    browsers.map((b, i) =>
      b.postForm('/login', { csrf_token: tokens[i]!, username: username(i), password: 'nope' }),
    ),
  )
}

describe('a flood of parallel logins', () => {
  it(`never runs more than ${HASHING_BOUNDS.running} password hashes at once`, async () => {
    const { seen, hasher } = instrumentedScrypt()
    const responses = await flood(await serve(hasher), 64, (i) => `user-${i}`)
    const statuses = responses.map((r) => r.status)

    expect(seen.peak).toBe(HASHING_BOUNDS.running)
    // Each name is new, so no throttle applies: a turn and a 401, or no turn and a 503.
    expect(statuses.filter((s) => s === 401)).toHaveLength(seen.checks)
    expect(statuses.filter((s) => s === 503)).toHaveLength(64 - seen.checks)
    expect(seen.checks).toBeLessThanOrEqual(HASHING_BOUNDS.running + HASHING_BOUNDS.waiting)
    for (const response of responses.filter((r) => r.status === 503)) {
      expect(response.headers.get('retry-after')).toBe('1')
    }
  })

  it('stops hashing for one name once the throttle blocks it, queued attempts included', async () => {
    const { seen, hasher } = instrumentedScrypt()
    const responses = await flood(await serve(hasher), 64, () => 'john')
    const statuses = new Set(responses.map((r) => r.status))

    expect(seen.peak).toBeLessThanOrEqual(HASHING_BOUNDS.running)
    // The limit, plus at most the attempts already hashing when the last failure was counted.
    expect(seen.checks).toBeLessThanOrEqual(
      LOGIN_LIMITS.account.failures + HASHING_BOUNDS.running - 1,
    )
    expect([...statuses].every((s) => s === 401 || s === 429 || s === 503)).toBe(true)
    expect(statuses.has(429)).toBe(true)
  })
})
