import http from 'node:http'
import { Readable } from 'node:stream'
import { isCrumbsError, type SessionStore } from '@crumbs/core'
import Koa from 'koa'
import { describe, expect, it } from 'vitest'
import type { SessionOptions } from '../src/engine/session-options.js'
import { session } from '../src/entries/koa.js'
import { memoryStore } from '../src/entries/stores/memory.js'
import { Client } from './harness/client.js'
import { loopbackServers } from './harness/loopback.js'

const SECRET = 'a-test-secret-that-is-long-enough-0007'
const listen = loopbackServers()

/**
 * A store that answers only with promises, as a remote one does; `down` makes it fail, `writes`
 * counts its writes.
 */
function remoteStore(): SessionStore & { down: boolean; writes: number } {
  const { maybeSync: _, ...memory } = memoryStore()
  const failing = () => Promise.reject(new Error('ECONNRESET'))
  const store = {
    ...memory,
    down: false,
    writes: 0,
    get: (id: string) => (store.down ? failing() : memory.get(id)),
    set: (...args: Parameters<SessionStore['set']>) => {
      store.writes += 1
      return store.down ? failing() : memory.set(...args)
    },
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

/** A Koa app with its 'error' events collected. */
function koa(): { app: Koa; reported: unknown[] } {
  const app = new Koa()
  const reported: unknown[] = []
  app.on('error', (error: unknown) => reported.push(error))
  return { app, reported }
}

const serve = (app: Koa): Promise<string> => listen(http.createServer(app.callback()))
const codeOf = (error: unknown) => (isCrumbsError(error) ? error.code : String(error))

describe("koa adapter: beside Koa's ctx.cookies", () => {
  it('leaves ctx.cookies as Koa made it, its signed cookies included', async () => {
    const { app } = koa()
    app.keys = ['a-key-of-koa-itself']
    app.use(session(options()))
    app.use(async (ctx) => {
      if (ctx.path === '/set') {
        ctx.cookies.set('theirs', 'a', { signed: true })
        ctx.crumbs.cookies.setCookie('ours', 'b', { signed: true })
        ctx.session.set('user', 'olga')
        ctx.body = 'set'
        return
      }
      const ours = await ctx.crumbs.cookies.getSigned('ours')
      ctx.body = `${ctx.cookies.get('theirs', { signed: true })} ${ours} ${ctx.session.get('user')}`
    })
    const client = new Client(await serve(app))
    const set = await client.get('/set')
    expect(set.setCookies.map((line) => line.split('=', 1)[0]).sort()).toEqual([
      'ours',
      'session',
      'theirs',
      'theirs.sig',
    ])
    expect((await client.get('/read')).body).toBe('a b olga')
  })
})

describe('koa adapter: errors', () => {
  it("answers a store outage through Koa's default handler: 503 with Retry-After", async () => {
    const store = remoteStore()
    const { app, reported } = koa()
    app.use(session(options({ store })))
    app.use((ctx) => {
      ctx.session.set('views', 1)
      ctx.body = 'ok'
    })
    const url = await serve(app)
    const client = new Client(url)
    expect((await client.get('/')).status).toBe(200)
    store.down = true
    // The first fails loading its session; the second (no cookie) fails committing a new one.
    for (const response of [await client.get('/'), await new Client(url).get('/')]) {
      expect([response.status, response.body]).toEqual([503, 'Service Unavailable'])
      expect(response.headers.get('retry-after')).toBe('5')
    }
    expect(reported.map(codeOf)).toEqual(['STORE_UNAVAILABLE', 'STORE_UNAVAILABLE'])
  })

  it('throws failures to an error-handling middleware upstream, with their status', async () => {
    const store = remoteStore()
    const { app, reported } = koa()
    app.use(async (ctx, next) => {
      try {
        await next()
      } catch (error) {
        ctx.status = 502
        ctx.body = `handled ${codeOf(error)} ${(error as { status?: number }).status}`
      }
    })
    app.use(session(options({ store })))
    app.use((ctx) => {
      ctx.session.set('views', 1)
      ctx.body = 'ok'
    })
    const client = new Client(await serve(app))
    store.down = true
    const response = await client.get('/')
    expect([response.status, response.body]).toEqual([502, 'handled STORE_UNAVAILABLE 503'])
    expect(reported).toEqual([])
  })

  it('commits nothing for a request whose downstream throws', async () => {
    const store = remoteStore()
    const { app, reported } = koa()
    app.use(session(options({ store })))
    app.use((ctx) => {
      ctx.session.set('user', 'mallory')
      if (ctx.path === '/boom') throw new Error('boom')
      ctx.body = ctx.session.get('user')
    })
    const client = new Client(await serve(app))
    const boom = await client.get('/boom')
    expect([boom.status, boom.setCookies, store.writes]).toEqual([500, [], 0])
    expect((await client.get('/fine')).body).toBe('mallory')
    expect(store.writes).toBe(1)
    expect(reported.map(String)).toEqual(['Error: boom'])
  })
})

describe('koa adapter: responses that leave the usual path', () => {
  it('commits before a streamed body, and waits for a remote store', async () => {
    const { app } = koa()
    app.use(session(options({ store: remoteStore() })))
    app.use((ctx) => {
      const views = ((ctx.session.get('views') as number | undefined) ?? 0) + 1
      ctx.session.set('views', views)
      ctx.type = 'text/plain'
      ctx.body = Readable.from(['views ', String(views)])
    })
    const client = new Client(await serve(app))
    const first = await client.get('/')
    expect(first.body).toBe('views 1')
    expect(first.setCookies).toHaveLength(1)
    expect((await client.get('/')).body).toBe('views 2')
  })

  it('reports HEADERS_SENT for a change made on a response written past Koa (ctx.respond = false)', async () => {
    const { app, reported } = koa()
    app.use(session(options()))
    app.use((ctx) => {
      ctx.session.set('user', 'ada')
      ctx.respond = false
      ctx.res.end('raw')
    })
    const client = new Client(await serve(app))
    const response = await client.get('/')
    expect([response.body, response.setCookies]).toEqual(['raw', []])
    await expect.poll(() => reported.map(codeOf)).toEqual(['HEADERS_SENT'])
  })
})
