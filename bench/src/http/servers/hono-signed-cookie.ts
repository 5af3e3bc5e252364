import { Hono } from 'hono'
import { getSignedCookie, setSignedCookie } from 'hono/cookie'
import { honoServer } from '../hono-routes.js'
import { COOKIE_NAME, greeting, LOGGED_IN, ROUTES, SECRET, USERNAME } from '../server-module.js'

interface Data {
  username?: string
  views?: number
}

// What a Hono app without a session library writes: JSON in a cookie signed by hono's helper
// (HMAC-SHA-256 on Web Crypto), read back and verified on every request.
const attributes = { path: '/', httpOnly: true, sameSite: 'Lax' } as const

async function read(c: Parameters<typeof getSignedCookie>[0]): Promise<Data> {
  const raw = await getSignedCookie(c, SECRET, COOKIE_NAME)
  if (typeof raw !== 'string') return {}
  try {
    return JSON.parse(raw) as Data
  } catch {
    return {}
  }
}

/** Hono + its signed-cookie helper (`getSignedCookie`/`setSignedCookie`) holding the session as JSON. */
export function createServer() {
  const app = new Hono()
  app.get(ROUTES.login, async (c) => {
    await setSignedCookie(
      c,
      COOKIE_NAME,
      JSON.stringify({ username: USERNAME, views: 0 }),
      SECRET,
      attributes,
    )
    return c.text(LOGGED_IN)
  })
  app.get(ROUTES.write, async (c) => {
    const data = await read(c)
    data.views = (data.views ?? 0) + 1
    await setSignedCookie(c, COOKIE_NAME, JSON.stringify(data), SECRET, attributes)
    return c.text(greeting(data.username, data.views))
  })
  app.get(ROUTES.read, async (c) => c.text(greeting((await read(c)).username)))
  return honoServer(app)
}
