import http from 'node:http'
import express from 'express'
import { describe, expect, it } from 'vitest'
import { session } from '../src/entries/express.js'
import { memoryStore } from '../src/entries/stores/memory.js'
import { loopbackServers } from './harness/loopback.js'

const SECRET = 'a-test-secret-that-is-long-enough-0003'
const listen = loopbackServers()
const serve = (app: express.Express): Promise<string> => listen(http.createServer(app))

describe('express adapter: res.locals', () => {
  it('leaves res.locals as the app sees it while the session works beside it', async () => {
    const app = express()
    app.use(session({ secret: SECRET, store: memoryStore() }))
    app.use((_req, res, next) => {
      res.locals.title = 'Home'
      next()
    })
    app.get('/', (req, res) => {
      const views = ((req.session.get('views') as number | undefined) ?? 0) + 1
      req.session.set('views', views)
      res.json({ views, keys: Object.keys(res.locals), json: JSON.stringify(res.locals) })
    })
    const url = await serve(app)
    const first = await fetch(url)
    const cookie = first.headers.getSetCookie()[0]!.split(';')[0]!
    expect(await first.json()).toEqual({ views: 1, keys: ['title'], json: '{"title":"Home"}' })
    const second = await fetch(url, { headers: { cookie } })
    expect(await second.json()).toMatchObject({ views: 2 })
  })
})
