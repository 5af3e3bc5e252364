import { format } from 'node:util'
import type { SessionStore } from '@crumbs/core'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { memoryStore } from '../src/entries/stores/memory.js'
import { Client } from './harness/client.js'
import { hosts, type RunningHost } from './harness/hosts.js'
import { scenarioApp } from './harness/scenario-app.js'

const SECRET = 'a-test-secret-that-is-long-enough-0007'
const PASSWORD = 'hunter2-store-password'

/** The hosts whose failures reach `onError` itself rather than a framework's error handler. */
const reporting = hosts.filter((host) => ['node:http', 'fetch handler'].includes(host.name))

/**
 * A memory store that, once `failing` is set, fails every read the way a driver does: the key
 * (with the session id) in its message and on the error, and the connection string too.
 */
function breakableStore(): { store: SessionStore; fail(): void } {
  const { maybeSync: _, ...store } = memoryStore()
  let failing = false
  return {
    store: {
      ...store,
      get: (id) => {
        if (!failing) return store.get(id)
        const error = Object.assign(
          new Error(
            `Connection lost to redis://default:${PASSWORD}@10.0.0.5:6379 while reading crumbs:sess:${id}`,
          ),
          { code: 'ECONNRESET', command: { name: 'get', args: [`crumbs:sess:${id}`] } },
        )
        return Promise.reject(error)
      },
    },
    fail: () => {
      failing = true
    },
  }
}

describe.each(reporting)('error logs: $name', (host) => {
  const running: RunningHost[] = []
  afterEach(async () => {
    vi.restoreAllMocks()
    await Promise.all(running.splice(0).map((server) => server.close()))
  })

  async function loggedInThenBroken(onError?: (error: unknown) => void) {
    const { store, fail } = breakableStore()
    const server = await host.start(
      { session: { secret: SECRET, store, ...(onError === undefined ? {} : { onError }) } },
      scenarioApp(new Map()),
    )
    running.push(server)
    const client = new Client(server.url)
    await client.post('/login')
    const cookie = client.jar.get('session')!
    const id = cookie.slice(0, cookie.lastIndexOf('.'))
    fail()
    return { client, cookie, id }
  }

  it('logs a store failure by its code with no session id, cookie value or password in it', async () => {
    const logged: string[] = []
    vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
      logged.push(format(...args))
    })
    const { client, cookie, id } = await loggedInThenBroken()
    const response = await client.get('/')
    expect(response.status).toBe(503)
    expect(logged).toHaveLength(1)
    const line = logged[0]!
    expect(line).toContain('STORE_UNAVAILABLE')
    // The driver's own code is kept: it says what went wrong.
    expect(line).toContain('ECONNRESET')
    for (const secret of [id, cookie, cookie.slice(cookie.lastIndexOf('.') + 1), PASSWORD]) {
      expect(line).not.toContain(secret)
    }
  })

  it('hands onError a STORE_UNAVAILABLE whose own message names no id, the driver error kept as its cause', async () => {
    const errors: unknown[] = []
    const { client, id } = await loggedInThenBroken((error) => errors.push(error))
    expect((await client.get('/')).status).toBe(503)
    expect(errors).toHaveLength(1)
    const error = errors[0] as Error & { code: string; cause: Error }
    expect(error.code).toBe('STORE_UNAVAILABLE')
    expect(error.message).not.toContain(id)
    expect(error.cause.message).toContain(id)
  })
})
