import { type ExampleServer, newSecretKey, startExample } from '../support/example-server.js'
import { expect, test } from '../support/fixtures.js'
import {
  FLASK_PYTHON,
  type FlaskServer,
  HOW_TO_GET_FLASK,
  hasFlask,
  startFlask,
} from '../support/flask-server.js'
import { SESSION_COOKIE } from '../support/session-cookie.js'

const CI = process.env.CI === 'true'

test.describe('Flask-compatible cookie sessions', () => {
  let example: ExampleServer | undefined
  let flask: FlaskServer | undefined

  test.beforeAll(async () => {
    if (!hasFlask()) {
      if (CI)
        throw new Error(
          `CI requires Flask, but ${FLASK_PYTHON} cannot import it: ${HOW_TO_GET_FLASK}`,
        )
      console.warn(
        `\n⚠️  SKIPPING the Flask e2e test: ${FLASK_PYTHON} cannot import flask. ${HOW_TO_GET_FLASK}\n`,
      )
      test.skip(true, 'no Flask')
      return
    }
    const secretKey = newSecretKey()
    ;[example, flask] = await Promise.all([
      startExample({ SESSION_MODE: 'cookie', SESSION_FORMAT: 'flask', SECRET_KEY: secretKey }),
      startFlask(secretKey),
    ])
  })

  test.afterAll(async () => {
    await Promise.all([example?.dispose(), flask?.stop()])
  })

  test("the example's login is accepted by a real Flask app", async ({ browser, snap }) => {
    const context = await browser.newContext()
    const page = await context.newPage()
    await page.goto(`${example!.url}/login`)
    await page.getByLabel('Username').fill('john')
    await page.getByLabel('Password').fill('password123')
    await page.getByRole('button', { name: 'Log in' }).click()
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Welcome, john!')

    await page.goto(`${flask!.url}/whoami`)
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Flask sees: john')
    await snap(page, 'flask-sees-example-login')
    await context.close()
    expect(example!.serverErrors()).toEqual([])
  })

  test('a cookie minted by Flask logs the user into the example', async ({ browser, snap }) => {
    const context = await browser.newContext()
    const page = await context.newPage()
    await page.goto(`${example!.url}/`)
    await expect(page).toHaveURL(/\/login$/)

    await page.goto(`${flask!.url}/login-as/jane`)
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Flask logged in jane')
    const minted = (await context.cookies()).find((c) => c.name === SESSION_COOKIE)
    expect(minted).toMatchObject({ httpOnly: true, secure: true, sameSite: 'Lax', path: '/' })

    await page.goto(`${example!.url}/`)
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Welcome, jane!')
    await snap(page, 'example-accepts-flask-cookie')
    await context.close()
    expect(example!.serverErrors()).toEqual([])
  })
})
