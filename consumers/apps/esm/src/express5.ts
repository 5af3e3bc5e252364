// Express 5, ESM, TypeScript strict: the README's Express setup with a typed session.
import type { AddressInfo } from 'node:net'
import { csrf, session, verifyCsrfToken } from '@crumbs/server/express'
import express from 'express'
import { checkPassword, loginForm } from './shared/users.js'

declare module '@crumbs/server' {
  interface SessionData {
    username: string
  }
}

const app = express()
app.use(csrf())
app.use(session({ secret: process.env.SECRET_KEY! }))

app.get('/', (req, res) => {
  const name: string | undefined = req.session.get('username')
  res.type('text').send(name === undefined ? 'Not logged in' : `Logged in as ${name}`)
})
app.get('/login', (req, res) => {
  res.type('html').send(loginForm(req.session.csrfToken()))
})
app.post('/login', express.urlencoded({ extended: false }), async (req, res) => {
  const body = req.body as Record<string, string | undefined>
  if (!verifyCsrfToken(req.session, body._csrf)) return res.status(403).send('Bad CSRF token')
  if (!checkPassword(body.username, body.password)) {
    return res.status(401).send('Invalid username or password')
  }
  await req.session.regenerate()
  req.session.set('username', body.username)
  res.redirect(303, '/')
})
app.get('/logout', (req, res) => {
  req.session.pop('username')
  res.redirect('/')
})

/** Never called: what the compiler must refuse. */
export function typeErrors(req: express.Request, res: express.Response): void {
  // @ts-expect-error SessionData declares username a string
  req.session.set('username', 42)
  // @ts-expect-error the cookie reader is read-only: cookies are set on the response
  req.crumbs.cookies.set('theme', 'dark')
  res.setCookie('theme', 'dark', { path: '/' })
}

const server = app.listen(0, '127.0.0.1', () => {
  console.log(`listening http://127.0.0.1:${(server.address() as AddressInfo).port}`)
})
