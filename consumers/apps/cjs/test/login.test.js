// Jest 30 on the compiled CommonJS app: crumbs loads through require() inside Jest's module
// registry, and the seed's login flow runs over real HTTP on 127.0.0.1.
const { createApp } = require('../build/app.js')
const { loginFlow } = require('./login-flow.cjs')
const core = require('@crumbs/core')

let server
let base

beforeAll(async () => {
  await new Promise((resolve) => {
    server = createApp(process.env.SECRET_KEY).listen(0, '127.0.0.1', resolve)
  })
  base = `http://127.0.0.1:${server.address().port}`
})

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve))
})

test('the login flow works under Jest', async () => {
  await loginFlow(base)
})

test('a CrumbsError from the CommonJS build is instanceof CrumbsError and carries its code', () => {
  let thrown
  try {
    core.serializeCookie('bad name', 'x')
  } catch (error) {
    thrown = error
  }
  expect(thrown).toBeInstanceOf(core.CrumbsError)
  expect(thrown.code).toBe('INVALID_COOKIE_NAME')
  expect(require.resolve('@crumbs/core')).toMatch(/\.node\.cjs$/)
})
