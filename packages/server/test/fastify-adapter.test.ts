import { Readable } from 'node:stream'
import { isCrumbsError, type SessionStore } from '@crumbs/core'
import fastifyCookie from '@fastify/cookie'
import Fastify, { type FastifyInstance } from 'fastify'
import { afterEach, describe, expect, it } from 'vitest'
import type { SessionOptions } from '../src/engine/session-options.js'
import { session } from '../src/entries/fastify.js'
import { memoryStore } from '../src/entries/stores/memory.js'
import { Client } from './harness/client.js'

const SECRET = 'a-test-secret-that-is-long-enough-0006'
const COOKIE_SECRET = 'a-secret-of-fastify-cookie-0123456789'

const running: FastifyInstance[] = []
afterEach(async () => {
  await Promise.all(running.splice(0).map((app) => app.close()))
})

/** The URL of a Fastify app listening on 127.0.0.1, closed after the test. */
async function serve(app: FastifyInstance): Promise<string> {
  running.push(app)
  return app.listen({ host: '127.0.0.1', port: 0 })
}

/** A store that answers only with promises, as a remote one does; `down` makes it fail. */
function remoteStore(): SessionStore & { down: boolean } {
  const { maybeSync: _, ...memory } = memoryStore()
  const failing = () => Promise.reject(new Error('ECONNRESET'))
  const store = {
    ...memory,
    down: false,
    get: (id: string) => (store.down ? failing() : memory.get(id)),
    set: (...args: Parameters<SessionStore['set']>) =>
      store.down ? failing() : memory.set(...args),
  }
  return store
}

const options = (extra: Partial<SessionOptions> = {}): SessionOptions => ({
  secret: SECRET,
  onError: (error) => {
    throw new Error(`onError is for failures no framework handler takes: ${String(error)}`)
  },
  ...extra,
})

describe('fastify adapter: beside @fastify/cookie', () => {
  it.each([
    ['registered before crumbs', 'before'],
    ['registered after crumbs', 'after'],
  ])('keeps both APIs working with @fastify/cookie %s', async (_, order) => {
    const app = Fastify()
    const cookiePlugin = () => app.register(fastifyCookie, { secret: COOKIE_SECRET })
    if (order === 'before') await cookiePlugin()
    await app.register(session(options()))
    if (order === 'after') await cookiePlugin()
    app.get('/set', (request, reply) => {
      reply.setCookie('theirs', 'a', { signed: true })
      request.crumbs.cookies.setCookie('ours', 'b', { signed: true })
      request.session.set('user', 'olga')
      return 'set'
    })
    app.get('/read', async (request, reply) => {
      reply.clearCookie('theirs')
      const theirs = request.unsignCookie(request.cookies.theirs ?? '').value
      const ours = await request.crumbs.cookies.getSigned('ours')
      return `${theirs} ${ours} ${request.session.get('user')}`
    })
    const url = await serve(app)
    const client = new Client(url)
    const set = await client.get('/set')
    expect(set.setCookies.map((line) => line.split('=', 1)[0]).sort()).toEqual([
      'ours',
      'session',
      'theirs',
    ])
    const read = await client.get('/read')
    expect(read.body).toBe('a b olga')
    expect(read.setCookies).toEqual([expect.stringMatching(/^theirs=;.*Expires=Thu, 01 Jan 1970/)])
  })
})

describe('fastify adapter: errors', () => {
  it("answers a store outage through Fastify's default handler: 503 with Retry-After", async () => {
    const store = remoteStore()
    const app = Fastify()
    await app.register(session(options({ store })))
    app.get('/', (request) => {
      request.session.set('views', 1)
      return 'ok'
    })
    const url = await serve(app)
    const client = new Client(url)
    expect((await client.get('/')).status).toBe(200)
    store.down = true
    for (const response of [await client.get('/'), await new Client(url).get('/')]) {
      expect(response.status).toBe(503)
      expect(response.headers.get('retry-after')).toBe('5')
      expect(JSON.parse(response.body)).toMatchObject({ code: 'STORE_UNAVAILABLE' })
    }
  })

  it("hands load and commit failures to the app's setErrorHandler", async () => {
    const store = remoteStore()
    const app = Fastify()
    const seen: unknown[] = []
    await app.register(session(options({ store })))
    app.setErrorHandler((error, _request, reply) => {
      seen.push(error)
      reply.code(502).send(`handled ${isCrumbsError(error) ? error.code : String(error)}`)
    })
    app.get('/', (request) => {
      request.session.set('views', 1)
      return 'ok'
    })
    const url = await serve(app)
    const client = new Client(url)
    await client.get('/')
    store.down = true
    // The first fails loading its session; the second (no cookie) fails committing a new one.
    const answers = [await client.get('/'), await new Client(url).get('/')]
    expect(answers.map((r) => [r.status, r.body])).toEqual([
      [502, 'handled STORE_UNAVAILABLE'],
      [502, 'handled STORE_UNAVAILABLE'],
    ])
    expect(seen).toEqual([
      expect.objectContaining({ code: 'STORE_UNAVAILABLE', statusCode: 503 }),
      expect.objectContaining({ code: 'STORE_UNAVAILABLE', statusCode: 503 }),
    ])
  })
})

describe('fastify adapter: replies that leave the usual path', () => {
  it('commits before a streamed reply, and waits for a remote store', async () => {
    const app = Fastify()
    await app.register(session(options({ store: remoteStore() })))
    app.get('/', (request, reply) => {
      const views = ((request.session.get('views') as number | undefined) ?? 0) + 1
      request.session.set('views', views)
      return reply.type('text/plain').send(Readable.from([`views `, String(views)]))
    })
    const url = await serve(app)
    const client = new Client(url)
    const first = await client.get('/')
    expect(first.body).toBe('views 1')
    expect(first.setCookies).toHaveLength(1)
    expect((await client.get('/')).body).toBe('views 2')
  })

  it('serves the routes of encapsulated plugins (skip-override)', async () => {
    const app = Fastify()
    await app.register(session(options()))
    await app.register(
      async (child) => {
        child.get('/count', (request) => {
          request.session.set('n', ((request.session.get('n') as number | undefined) ?? 0) + 1)
          return String(request.session.get('n'))
        })
      },
      { prefix: '/child' },
    )
    const url = await serve(app)
    const client = new Client(url)
    await client.get('/child/count')
    expect((await client.get('/child/count')).body).toBe('2')
  })

  it('commits a hijacked reply that saves before writing, and reports one that did not save', async () => {
    const errors: unknown[] = []
    const app = Fastify()
    await app.register(session({ secret: SECRET, onError: (error) => errors.push(error) }))
    app.get('/saved', async (request, reply) => {
      reply.hijack()
      request.session.set('user', 'ada')
      await request.session.save()
      reply.raw.writeHead(200, { 'content-type': 'text/plain' })
      reply.raw.end('raw')
    })
    app.get('/unsaved', (request, reply) => {
      reply.hijack()
      request.session.set('user', 'ada')
      reply.raw.end('raw')
    })
    app.get('/', (request) => request.session.get('user') ?? 'nobody')
    const url = await serve(app)
    const client = new Client(url)
    const saved = await client.get('/saved')
    expect([saved.body, saved.setCookies.length]).toEqual(['raw', 1])
    expect((await client.get('/')).body).toBe('ada')
    const unsaved = await new Client(url).get('/unsaved')
    expect(unsaved.setCookies).toEqual([])
    await expect.poll(() => errors).toEqual([expect.objectContaining({ code: 'HEADERS_SENT' })])
  })
})
