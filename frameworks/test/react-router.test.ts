import { describe, expect, it } from 'vitest'
import * as login from '../recipes/react-router/login'
import { requestHandler } from './react-router-build'

const handle = requestHandler({ 'routes/login': { path: 'login', module: login } })
const ORIGIN = 'http://localhost:5173'

/** A browser's cookie jar, enough for one site. */
class Browser {
  readonly jar = new Map<string, string>()

  async fetch(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers)
    if (this.jar.size > 0) {
      headers.set('cookie', [...this.jar].map(([name, value]) => `${name}=${value}`).join('; '))
    }
    const response = await handle(new Request(ORIGIN + path, { ...init, headers }))
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split('; ')
      const [name = '', value = ''] = pair.split('=')
      if (attributes.includes('Max-Age=0') || value === '') this.jar.delete(name)
      else this.jar.set(name, value)
    }
    return response
  }

  post(path: string, fields: Record<string, string>): Promise<Response> {
    return this.fetch(path, { method: 'POST', body: new URLSearchParams(fields) })
  }
}

describe('React Router recipe (createRequestHandler over a server build)', () => {
  it('logs in through the action: the redirect carries Set-Cookie, and the loader sees the user', async () => {
    const browser = new Browser()
    const action = await browser.post('/login', { username: 'olga' })
    expect([action.status, action.headers.get('location')]).toEqual([302, '/'])
    expect(action.headers.getSetCookie()).toEqual([
      expect.stringMatching(/^session=[^;]+; Path=\/; HttpOnly; SameSite=Lax$/),
    ])
    const page = await browser.fetch('/login')
    expect(await page.json()).toEqual({ 'routes/login': { username: 'olga', flashes: [] } })
    expect(page.headers.getSetCookie()).toEqual([])
    expect([page.headers.get('vary'), page.headers.get('cache-control')]).toEqual([
      'Cookie',
      'private',
    ])
  })

  it('does the same through single fetch (/login.data), as a client-side submission does', async () => {
    const browser = new Browser()
    const action = await browser.post('/login.data', { username: 'ivan' })
    expect(action.status).toBe(202)
    expect(await action.text()).toContain('"redirect","/"')
    expect(action.headers.getSetCookie()).toHaveLength(1)
    const data = await browser.fetch('/login.data')
    expect(await data.text()).toContain('"ivan"')
  })

  it('shows a flash set by the action once, on the page it redirects to', async () => {
    const browser = new Browser()
    const refused = await browser.post('/login', { username: '' })
    expect([refused.status, refused.headers.get('location')]).toEqual([302, '/login'])
    const first = await browser.fetch('/login')
    expect(await first.json()).toMatchObject({
      'routes/login': {
        username: null,
        flashes: [{ category: 'message', message: 'Who are you?' }],
      },
    })
    const second = await browser.fetch('/login')
    expect(await second.json()).toMatchObject({ 'routes/login': { flashes: [] } })
  })

  it('gives a new session id at each login, and reads a tampered cookie as no user', async () => {
    const browser = new Browser()
    await browser.post('/login', { username: 'olga' })
    const first = browser.jar.get('session')
    await browser.post('/login', { username: 'olga' })
    expect(browser.jar.get('session')).not.toBe(first)
    browser.jar.set('session', `${browser.jar.get('session')!.slice(0, -2)}AA`)
    const page = await browser.fetch('/login')
    expect(await page.json()).toMatchObject({ 'routes/login': { username: null } })
  })
})
