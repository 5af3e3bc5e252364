import { Hono } from 'hono'
import { describe, expect, it, vi } from 'vitest'
import { honoSession, type SessionVariables } from '../src/entries/hono.js'

const SECRET = 'a-test-secret-that-is-long-enough-0011'

describe('honoSession and the response', () => {
  it("commits into the handler's own response instead of having Hono copy it", async () => {
    let returned: Response | undefined
    let seen: Response | undefined
    const app = new Hono<{ Variables: SessionVariables }>()
    app.use(async (c, next) => {
      await next()
      seen = c.res
    })
    app.use(honoSession({ secret: SECRET }))
    app.get('/', (c) => {
      c.get('session').set('username', 'john')
      returned = c.text('logged in')
      return returned
    })
    const response = await app.request('http://localhost/')
    expect(response.headers.getSetCookie()).toHaveLength(1)
    // Hono's c.res setter rebuilds the response (a new body stream, every header copied) for
    // each assignment: the commit must not pay that on every request.
    expect(seen).toBe(returned)
  })

  it("answers a failed commit with the error response alone, not merged with the handler's headers", async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {})
    const errors: unknown[] = []
    const app = new Hono<{ Variables: SessionVariables }>()
    app.use(honoSession({ secret: SECRET, onError: (error) => void errors.push(error) }))
    app.get('/', (c) => {
      // Far over a cookie's 4 KB: the commit fails with COOKIE_TOO_LARGE.
      c.get('session').set('blob', 'x'.repeat(8000))
      c.header('Cache-Control', 'public, max-age=60')
      c.header('X-Handler', 'yes')
      return c.text('ok')
    })
    const response = await app.request('http://localhost/')
    expect(response.status).toBe(500)
    expect(response.headers.get('cache-control')).toBe('no-store')
    expect(response.headers.get('x-handler')).toBeNull()
    expect(response.headers.getSetCookie()).toEqual([])
    expect(errors).toHaveLength(1)
    expect((errors[0] as { code?: string }).code).toBe('COOKIE_TOO_LARGE')
    vi.restoreAllMocks()
  })
})
