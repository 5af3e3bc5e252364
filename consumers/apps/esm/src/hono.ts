// Hono through @crumbs/server/hono: c.get('session') typed by SessionVariables.
import { honoCsrf, honoSession, type SessionVariables, verifyCsrfToken } from '@crumbs/server/hono'
import { Hono } from 'hono'
import { serveFetch } from './shared/serve-fetch.js'
import { checkPassword, loginForm } from './shared/users.js'

const app = new Hono<{ Variables: SessionVariables<{ username: string }> }>()
app.use(honoCsrf())
app.use(honoSession({ secret: process.env.SECRET_KEY! }))

app.get('/', (c) => {
  const name = c.get('session').get('username')
  return c.text(name === undefined ? 'Not logged in' : `Logged in as ${name}`)
})
app.get('/login', (c) => c.html(loginForm(c.get('session').csrfToken())))
app.post('/login', async (c) => {
  const session = c.get('session')
  const form = await c.req.parseBody()
  if (!verifyCsrfToken(session, form._csrf)) return c.text('Bad CSRF token', 403)
  if (!checkPassword(form.username, form.password)) {
    return c.text('Invalid username or password', 401)
  }
  await session.regenerate()
  session.set('username', form.username)
  return c.redirect('/', 303)
})
app.get('/logout', (c) => {
  c.get('session').pop('username')
  return c.redirect('/')
})

app.get('/never', (c) => {
  // @ts-expect-error SessionVariables declares username a string
  c.get('session').set('username', 42)
  // @ts-expect-error the cookie jar's request side is read-only
  c.get('cookies').set('theme', 'dark')
  return c.text('')
})

serveFetch(app.fetch)
