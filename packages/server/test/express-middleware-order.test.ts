import http from 'node:http'
import { isCrumbsError } from '@crumbs/core'
import express from 'express'
import { describe, expect, it } from 'vitest'
import { session } from '../src/entries/express.js'
import { loopbackServers } from './harness/loopback.js'

const SECRET = 'a-test-secret-that-is-long-enough-0004'
const listen = loopbackServers()

describe('express adapter: a route that runs before the session middleware', () => {
  it('gets MIDDLEWARE_MISSING from res.setCookie, handled by Express like any error', async () => {
    const app = express()
    const codes: string[] = []
    // Mounted before the middleware: its request never loads a session.
    app.get('/early', (_req, res) => res.setCookie('theme', 'dark'))
    app.use(session({ secret: SECRET }))
    app.get('/late', (_req, res) => {
      res.setCookie('theme', 'dark')
      res.send('ok')
    })
    app.use((error: unknown, _req: express.Request, res: express.Response, _next: unknown) => {
      codes.push(isCrumbsError(error) ? error.code : String(error))
      res.status(500).send('error')
    })
    const url = await listen(http.createServer(app))
    // The first request through the middleware hooks Express' response prototype.
    const late = await fetch(`${url}/late`)
    expect(late.headers.getSetCookie()).toEqual(['theme=dark; Path=/'])
    const early = await fetch(`${url}/early`)
    expect(early.status).toBe(500)
    expect(codes).toEqual(['MIDDLEWARE_MISSING'])
  })
})
