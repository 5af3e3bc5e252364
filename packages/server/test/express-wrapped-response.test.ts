import http from 'node:http'
import type { SessionStore } from '@crumbs/core'
import express, { type RequestHandler } from 'express'
import { describe, expect, it } from 'vitest'
import { session } from '../src/entries/express.js'
import { memoryStore } from '../src/entries/stores/memory.js'
import { loopbackServers } from './harness/loopback.js'

const SECRET = 'a-test-secret-that-is-long-enough-0004'
const listen = loopbackServers()

type End = (this: http.ServerResponse, ...args: unknown[]) => unknown

/** Middleware that wraps `res.end` on the instance, as compression or on-headers do. */
const wrapEnd =
  (original: (res: http.ServerResponse) => End, calls: string[]): RequestHandler =>
  (_req, res, next) => {
    const end = original(res)
    res.end = function wrappedEnd(this: http.ServerResponse, ...args: unknown[]) {
      calls.push('end')
      this.setHeader('x-wrapped', 'yes')
      return end.apply(this, args)
    } as typeof res.end
    next()
  }

async function serve(store: SessionStore, wrapper: RequestHandler): Promise<string> {
  const app = express()
  app.use(wrapper)
  app.use(session({ secret: SECRET, store }))
  app.get('/', (req, res) => {
    const views = ((req.session.get('views') as number | undefined) ?? 0) + 1
    req.session.set('views', views)
    res.send(`views ${views}`)
  })
  return listen(http.createServer(app))
}

/** A store that answers only with promises, as a remote one does. */
const remote = (): SessionStore => {
  const { maybeSync: _, ...store } = memoryStore()
  return store
}

describe('express adapter: a response wrapped by earlier middleware', () => {
  it.each([
    ['captures res.end per request', (res: http.ServerResponse) => res.end as End],
    ['calls node’s ServerResponse.prototype.end', () => http.ServerResponse.prototype.end as End],
  ])('commits the session when the wrapper %s', async (_, original) => {
    for (const store of [memoryStore(), remote()]) {
      const calls: string[] = []
      const url = await serve(store, wrapEnd(original, calls))
      const first = await fetch(url)
      expect(await first.text()).toBe('views 1')
      expect(first.headers.get('x-wrapped')).toBe('yes')
      const cookie = first.headers.getSetCookie()[0]!.split(';')[0]!
      for (const expected of ['views 2', 'views 3']) {
        const next = await fetch(url, { headers: { cookie } })
        expect(next.headers.get('x-wrapped')).toBe('yes')
        expect(await next.text()).toBe(expected)
      }
      expect(calls).toEqual(['end', 'end', 'end'])
    }
  })
})
