import http from 'node:http'
import express from 'express'
import { describe, expect, it } from 'vitest'
import { session } from '../src/entries/express.js'
import { memoryStore } from '../src/entries/stores/memory.js'
import { Client } from './harness/client.js'
import { loopbackServers } from './harness/loopback.js'

const SECRET = 'a-test-secret-that-is-long-enough-0008'
const listen = loopbackServers()

/** express-session habits, brought to crumbs: each works or fails loudly, none hangs. */
describe('express adapter: express-session habits', () => {
  it('completes a login written with regenerate(callback), as express-session apps do', async () => {
    const app = express()
    app.use(session({ secret: SECRET, store: memoryStore() }))
    app.post('/login', (req, res, next) => {
      req.session.regenerate((error) => {
        if (error) return next(error)
        req.session.set('username', 'john')
        req.session.save((saveError) => (saveError ? next(saveError) : res.redirect('/')))
      })
    })
    app.get('/', (req, res) => res.send(`Welcome, ${req.session.get('username') ?? 'nobody'}!`))
    const client = new Client(await listen(http.createServer(app)))
    expect((await client.post('/login')).status).toBe(302)
    expect((await client.get('/')).body).toBe('Welcome, john!')
  })

  it('answers an assignment to req.session with an error instead of storing nothing', async () => {
    const app = express()
    const errors: unknown[] = []
    app.use(session({ secret: SECRET }))
    app.get('/', (req, res) => {
      ;(req.session as unknown as Record<string, unknown>).username = 'eve'
      res.send('stored?')
    })
    app.use((error: unknown, _req: express.Request, res: express.Response, _next: unknown) => {
      errors.push(error)
      res.status(500).send('error')
    })
    const client = new Client(await listen(http.createServer(app)))
    expect((await client.get('/')).status).toBe(500)
    expect(errors[0]).toBeInstanceOf(TypeError)
  })
})
