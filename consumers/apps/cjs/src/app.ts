// Express 4 in CommonJS: TypeScript with `module: commonjs`, compiled to require() calls.
import express = require('express')

import { csrf, session, verifyCsrfToken } from '@crumbs/server/express'
import { checkPassword, loginForm } from './shared/users'

declare module '@crumbs/server' {
  interface SessionData {
    username: string
  }
}

export function createApp(secret: string): express.Express {
  const app = express()
  app.use(csrf())
  app.use(session({ secret }))

  app.get('/', (req, res) => {
    const name: string | undefined = req.session.get('username')
    res.type('text').send(name === undefined ? 'Not logged in' : `Logged in as ${name}`)
  })
  app.get('/login', (req, res) => {
    res.type('html').send(loginForm(req.session.csrfToken()))
  })
  app.post('/login', express.urlencoded({ extended: false }), (req, res, next) => {
    const body = req.body as Record<string, string | undefined>
    if (!verifyCsrfToken(req.session, body._csrf)) {
      res.status(403).send('Bad CSRF token')
      return
    }
    if (!checkPassword(body.username, body.password)) {
      res.status(401).send('Invalid username or password')
      return
    }
    const username = body.username
    // Express 4 does not catch a rejected promise: hand failures to next().
    req.session.regenerate().then(() => {
      req.session.set('username', username)
      res.redirect(303, '/')
    }, next)
  })
  app.get('/logout', (req, res) => {
    req.session.pop('username')
    res.redirect('/')
  })
  return app
}

/** Never called: what the compiler must refuse. */
export function typeErrors(req: express.Request): void {
  // @ts-expect-error SessionData declares username a string
  req.session.set('username', 42)
  // @ts-expect-error the cookie reader is read-only
  req.crumbs.cookies.set('theme', 'dark')
}
