import http from 'node:http'
import { describe, expect, it } from 'vitest'
import { type SessionRequest, type SessionResponse, session } from '../src/entries/node.js'
import { memoryStore } from '../src/entries/stores/memory.js'
import { loopbackServers } from './harness/loopback.js'

const SECRET = 'a-test-secret-that-is-long-enough-0001'
const listen = loopbackServers()

const serve = (
  handler: (req: SessionRequest, res: SessionResponse) => unknown,
  options: Parameters<typeof session>[0] = { secret: SECRET },
): Promise<string> => listen(http.createServer(session(options).wrap(handler)))

describe('node adapter: commit before headers', () => {
  it('commits a store session before a streamed body’s first chunk', async () => {
    const url = await serve(
      (req, res) => {
        req.session.set('views', 1)
        res.writeHead(200, { 'Content-Type': 'text/plain' })
        res.write('chunk one, ')
        setTimeout(() => res.end('chunk two'), 10)
      },
      { secret: SECRET, store: memoryStore() },
    )
    const response = await fetch(url)
    expect(await response.text()).toBe('chunk one, chunk two')
    expect(response.headers.getSetCookie()).toHaveLength(1)
    expect(response.headers.get('vary')).toBe('Cookie')
  })

  it('does not hold a response that owes no commit', async () => {
    const url = await serve((req, res) => {
      res.write(String(req.session.has('views')))
      res.end()
    })
    const response = await fetch(url)
    expect(await response.text()).toBe('false')
    expect(response.headers.getSetCookie()).toEqual([])
  })

  it('answers 500, not a crash, when a handler rejects', async () => {
    const errors: unknown[] = []
    const url = await serve(
      async () => {
        throw new Error('boom')
      },
      { secret: SECRET, onError: (error) => errors.push(error) },
    )
    const response = await fetch(url)
    expect(response.status).toBe(500)
    expect(errors).toHaveLength(1)
  })

  it('lets the route handle a save failure itself through save()', async () => {
    const url = await serve(async (req, res) => {
      req.session.set('blob', 'x'.repeat(5000))
      try {
        await req.session.save()
        res.end('saved')
      } catch (error) {
        res.statusCode = 413
        res.end((error as { code: string }).code)
      }
    })
    const response = await fetch(url)
    expect(response.status).toBe(413)
    expect(await response.text()).toBe('COOKIE_TOO_LARGE')
    expect(response.headers.getSetCookie()).toEqual([])
  })
})

describe('node adapter: a failed commit', () => {
  it('answers a whole 503 without the route’s Content-Length when the store fails', async () => {
    // A remote store whose writes fail: no maybe-synchronous face, so `set` is what the engine calls.
    const { maybeSync: _, ...store } = memoryStore()
    const failing = {
      ...store,
      set: async () => {
        throw new Error('connection refused')
      },
    }
    const errors: unknown[] = []
    const url = await serve(
      (req, res) => {
        req.session.set('views', 1)
        const body = 'a route body longer than the error text that replaces it'
        res.setHeader('Content-Length', Buffer.byteLength(body))
        res.setHeader('ETag', '"abc"')
        res.end(body)
      },
      { secret: SECRET, store: failing, onError: (error) => errors.push(error) },
    )
    const response = await fetch(url, { signal: AbortSignal.timeout(5_000) })
    expect(response.status).toBe(503)
    expect(response.headers.get('etag')).toBeNull()
    expect(response.headers.get('retry-after')).toBe('5')
    expect(await response.text()).toBe('Service Unavailable')
    expect(errors).toEqual([expect.objectContaining({ code: 'STORE_UNAVAILABLE' })])
  })
})
