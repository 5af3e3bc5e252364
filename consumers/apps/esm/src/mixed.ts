// One process, both builds: this module imports crumbs (ESM) and requires it (CommonJS), as an
// app does when a CommonJS dependency or helper of its own requires crumbs. Checks the
// dual-package hazards at start-up, then serves the login flow with middleware from both.
import { createRequire } from 'node:module'
import type { AddressInfo } from 'node:net'
import * as esmCore from '@crumbs/core'
import { session } from '@crumbs/server/express'
import express from 'express'
import { checkPassword, loginForm } from './shared/users.js'

const require = createRequire(import.meta.url)
const cjsCore = require('@crumbs/core') as typeof esmCore
const cjsExpress = require('@crumbs/server/express') as typeof import('@crumbs/server/express')

function check(condition: boolean, message: string): void {
  if (!condition) throw new Error(`dual-package check failed: ${message}`)
}

check(cjsCore.CrumbsError !== esmCore.CrumbsError, 'require and import loaded the same copy')
check(require.resolve('@crumbs/core').endsWith('.cjs'), 'require did not load the CommonJS build')
try {
  esmCore.serializeCookie('bad name', 'x')
  check(false, 'serializeCookie accepted a bad name')
} catch (error) {
  check(error instanceof cjsCore.CrumbsError, 'an ESM CrumbsError is not instanceof the CJS class')
  check(cjsCore.isCrumbsError(error, 'INVALID_COOKIE_NAME'), 'isCrumbsError across builds')
}
const cjsKeys = cjsCore.createKeyring(process.env.SECRET_KEY!)
const token = await esmCore.sign('42', { keys: cjsKeys, name: 'uid' })
const opened = await cjsCore.unsign(token, {
  keys: esmCore.createKeyring(process.env.SECRET_KEY!),
  name: 'uid',
})
check(opened.valid && opened.value === '42', 'a CJS keyring does not sign through the ESM build')

const app = express()
app.use(cjsExpress.csrf())
app.use(session({ secret: process.env.SECRET_KEY! }))
app.get('/', (req, res) => {
  const name = req.session.get('username')
  res.type('text').send(name === undefined ? 'Not logged in' : `Logged in as ${String(name)}`)
})
app.get('/login', (req, res) => {
  res.type('html').send(loginForm(req.session.csrfToken()))
})
app.post('/login', express.urlencoded({ extended: false }), async (req, res) => {
  const body = req.body as Record<string, string | undefined>
  if (!cjsExpress.verifyCsrfToken(req.session, body._csrf)) {
    return res.status(403).send('Bad CSRF token')
  }
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

const server = app.listen(0, '127.0.0.1', () => {
  console.log(`listening http://127.0.0.1:${(server.address() as AddressInfo).port}`)
})
