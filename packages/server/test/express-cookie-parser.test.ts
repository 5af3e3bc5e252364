import http from 'node:http'
import cookieParser from 'cookie-parser'
import express from 'express'
import { describe, expect, it } from 'vitest'
import { session } from '../src/entries/express.js'
import { loopbackServers } from './harness/loopback.js'

const SECRET = 'a-test-secret-that-is-long-enough-0007'
const listen = loopbackServers()

describe('express adapter: req.crumbs beside cookie-parser', () => {
  it('keeps req.crumbs.cookies a cookie reader when cookie-parser, mounted first, owns req.cookies', async () => {
    const app = express()
    app.use(cookieParser())
    app.use(session({ secret: SECRET }))
    app.get('/', (req, res) => {
      req.session.set('seen', true)
      res.json({
        parser: req.cookies,
        crumbs: req.crumbs.cookies.get('theme') ?? null,
        hasGet: typeof req.cookies.get === 'function',
        sameSession: req.crumbs.session === req.session,
      })
    })
    const url = await listen(http.createServer(app))
    const response = await fetch(url, { headers: { cookie: 'theme=dark' } })
    expect(await response.json()).toEqual({
      parser: { theme: 'dark' },
      crumbs: 'dark',
      hasGet: false,
      sameSession: true,
    })
  })

  it('leaves req.cookies to crumbs when cookie-parser is mounted after it (it parses nothing then)', async () => {
    const app = express()
    app.use(session({ secret: SECRET }))
    app.use(cookieParser())
    app.get('/', (req, res) => {
      res.json({ reader: req.cookies.get('theme'), same: req.cookies === req.crumbs.cookies })
    })
    const url = await listen(http.createServer(app))
    const response = await fetch(url, { headers: { cookie: 'theme=dark' } })
    expect(await response.json()).toEqual({ reader: 'dark', same: true })
  })

  it('gives req.cookies the cookie reader itself without cookie-parser, and req.crumbs the same', async () => {
    const app = express()
    app.use(session({ secret: SECRET }))
    app.get('/', (req, res) => {
      res.json({
        cookies: req.cookies.get('theme'),
        same: req.cookies === req.crumbs.cookies,
      })
    })
    const url = await listen(http.createServer(app))
    const response = await fetch(url, { headers: { cookie: 'theme=dark' } })
    expect(await response.json()).toEqual({ cookies: 'dark', same: true })
  })
})
