// Plain node:http through @crumbs/server/node.
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { type SessionRequest, session, verifyCsrfToken } from '@crumbs/server/node'
import { checkPassword, loginForm } from './shared/users.js'

const sessions = session<{ username: string }>({ secret: process.env.SECRET_KEY! })

async function formOf(req: http.IncomingMessage): Promise<URLSearchParams> {
  let body = ''
  for await (const chunk of req) body += chunk
  return new URLSearchParams(body)
}

const server = http.createServer(
  sessions.wrap(async (req, res) => {
    const redirect = (status: number) => {
      res.writeHead(status, { location: '/' }).end()
    }
    if (req.method === 'GET' && req.url === '/') {
      const name = req.session.get('username')
      res.end(name === undefined ? 'Not logged in' : `Logged in as ${name}`)
    } else if (req.method === 'GET' && req.url === '/login') {
      res.setHeader('content-type', 'text/html')
      res.end(loginForm(req.session.csrfToken()))
    } else if (req.method === 'POST' && req.url === '/login') {
      const form = await formOf(req)
      if (!verifyCsrfToken(req.session, form.get('_csrf'))) {
        res.statusCode = 403
        return res.end('Bad CSRF token')
      }
      const username = form.get('username')
      if (!checkPassword(username, form.get('password'))) {
        res.statusCode = 401
        return res.end('Invalid username or password')
      }
      await req.session.regenerate()
      req.session.set('username', username)
      redirect(303)
    } else if (req.method === 'GET' && req.url === '/logout') {
      req.session.pop('username')
      redirect(302)
    } else {
      res.statusCode = 404
      res.end('Not found')
    }
  }),
)

/** Never called: what the compiler must refuse. */
export function typeErrors(req: SessionRequest<{ username: string }>): void {
  // @ts-expect-error session<{ username: string }> makes username a string
  req.session.set('username', 42)
}

server.listen(0, '127.0.0.1', () => {
  console.log(`listening http://127.0.0.1:${(server.address() as AddressInfo).port}`)
})
