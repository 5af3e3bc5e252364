import { csrf, session } from '@crumbs/server/fastify'
import Fastify from 'fastify'

const app = Fastify()
app.addHook('onRequest', csrf()) // 403 for cross-site unsafe requests
await app.register(session({ secret: process.env.SECRET_KEY! }))

app.get('/', async (request, reply) => {
  const name = request.session.get('username')
  if (name === undefined) return reply.redirect('/login')
  return `Welcome, ${name}!`
})

app.post<{ Body: { username: string } }>('/login', async (request, reply) => {
  // …check the password…
  await request.session.regenerate() // defeats session fixation
  request.session.set('username', request.body.username)
  return reply.redirect('/')
})

app.get('/cookie/set', async (request) => {
  request.crumbs.cookies.setCookie('username', 'john', { maxAge: 3600 })
  return 'cookie set'
})
app.get('/cookie/get', async (request) => `Hello, ${request.crumbs.cookies.get('username')}!`)

await app.listen({ port: 3000 })
