import { COOKIE_NAME, greeting, LOGGED_IN, ROUTES, USERNAME } from './server-module.js'

/** A target's answer that breaks the route contract: the bench stops timing that target. */
export class VerifyError extends Error {
  override name = 'VerifyError'
}

interface Step {
  readonly path: string
  readonly body: string
}

/**
 * Logs in and checks that the session really persists (`views` goes 1, 2 across requests and
 * `/read` sees the user), then returns the `Cookie` header of that logged-in session for the
 * load generator. A bare server only has to answer the same bodies; it gets no cookie.
 */
export async function verifySession(origin: string, hasSession: boolean): Promise<string> {
  const jar = new Map<string, string>()
  const request = async ({ path, body }: Step, step: string) => {
    const cookie = [...jar].map(([name, value]) => `${name}=${value}`).join('; ')
    const response = await fetch(origin + path, { headers: cookie === '' ? {} : { cookie } })
    const text = await response.text()
    const setCookies = response.headers.getSetCookie()
    const context = () =>
      `${step} GET ${path}: status ${response.status}, body ${JSON.stringify(text)}, ` +
      `set-cookie ${JSON.stringify(setCookies)}, sent cookie ${JSON.stringify(cookie)}`
    if (response.status !== 200) throw new VerifyError(`expected 200. ${context()}`)
    if (text !== body) throw new VerifyError(`expected body ${JSON.stringify(body)}. ${context()}`)
    for (const line of setCookies) {
      const pair = line.split(';', 1)[0]!
      const eq = pair.indexOf('=')
      jar.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim())
    }
    return { setCookies, context }
  }

  if (!hasSession) {
    await request({ path: ROUTES.write, body: greeting(USERNAME, 1) }, 'bare')
    await request({ path: ROUTES.read, body: greeting(USERNAME) }, 'bare')
    return ''
  }

  const login = await request({ path: ROUTES.login, body: LOGGED_IN }, 'login')
  const sessionCookie = login.setCookies.find((line) => line.startsWith(`${COOKIE_NAME}=`))
  if (sessionCookie === undefined) {
    throw new VerifyError(`login set no "${COOKIE_NAME}" cookie. ${login.context()}`)
  }
  // Plain http on 127.0.0.1: a Secure cookie would never come back from a browser.
  if (/;\s*secure\s*(;|$)/i.test(sessionCookie)) {
    throw new VerifyError(`the session cookie is Secure over plain http. ${login.context()}`)
  }
  await request({ path: ROUTES.write, body: greeting(USERNAME, 1) }, 'first visit')
  await request({ path: ROUTES.write, body: greeting(USERNAME, 2) }, 'second visit')
  await request({ path: ROUTES.read, body: greeting(USERNAME) }, 'read-only visit')
  return [...jar].map(([name, value]) => `${name}=${value}`).join('; ')
}

/**
 * The `Cookie` header of each of `count` logged-in sessions, every one checked by
 * {@link verifySession}, so each load connection can be a user of its own. A bare server gets
 * `count` empty headers: the same load, one autocannon run per connection, minus the cookie.
 */
export async function openSessions(
  origin: string,
  hasSession: boolean,
  count: number,
): Promise<string[]> {
  if (!hasSession) return Array(count).fill(await verifySession(origin, false))
  const cookies: string[] = []
  for (let i = 0; i < count; i++) cookies.push(await verifySession(origin, true))
  return cookies
}
