// The seed's login flow over real HTTP, for every server app: run by the consumer test and, in
// the CommonJS app, by Jest. CommonJS so both can load it.
'use strict'

/** Cookies as a browser would keep them for one origin: set by Set-Cookie, dropped when expired. */
function cookieJar() {
  const cookies = new Map()
  return {
    header: () => [...cookies].map(([name, value]) => `${name}=${value}`).join('; '),
    names: () => [...cookies.keys()],
    take(response) {
      for (const line of response.headers.getSetCookie()) {
        const [pair = '', ...attributes] = line.split(';').map((part) => part.trim())
        const at = pair.indexOf('=')
        const name = pair.slice(0, at)
        const expired = attributes.some(
          (attribute) =>
            /^max-age=(0|-\d+)$/i.test(attribute) ||
            (/^expires=/i.test(attribute) && Date.parse(attribute.slice(8)) <= Date.now()),
        )
        if (expired) cookies.delete(name)
        else cookies.set(name, pair.slice(at + 1))
      }
    },
  }
}

function check(condition, message) {
  if (!condition) throw new Error(message)
}

/**
 * GET / (not logged in) → GET /login (form with the CSRF token) → POST /login refused without
 * the token (403) and with a wrong password (401) → POST /login john/password123 → GET /
 * ("Logged in as john") → GET /logout → GET / (not logged in). Throws on the first difference.
 */
async function loginFlow(base) {
  const jar = cookieJar()
  const origin = new URL(base).origin
  const request = async (method, path, form) => {
    const headers = { cookie: jar.header(), origin }
    let body
    if (form !== undefined) {
      headers['content-type'] = 'application/x-www-form-urlencoded'
      body = new URLSearchParams(form).toString()
    }
    const response = await fetch(new URL(path, base), { method, headers, body, redirect: 'manual' })
    jar.take(response)
    return { status: response.status, text: await response.text(), response }
  }
  const home = async () => {
    const { status, text } = await request('GET', '/')
    check(status === 200, `GET / answered ${status}`)
    return text
  }

  check((await home()).includes('Not logged in'), 'GET / before the login is not "Not logged in"')
  const form = await request('GET', '/login')
  const token = /name="_csrf" value="([^"]+)"/.exec(form.text)?.[1]
  check(token !== undefined, 'GET /login shows no _csrf field')

  const noToken = await request('POST', '/login', { username: 'john', password: 'password123' })
  check(noToken.status === 403, `POST /login without the CSRF token answered ${noToken.status}`)
  const wrong = await request('POST', '/login', {
    username: 'john',
    password: 'nope',
    _csrf: token,
  })
  check(wrong.status === 401, `POST /login with a wrong password answered ${wrong.status}`)
  check((await home()).includes('Not logged in'), 'a wrong password logged in')

  const login = await request('POST', '/login', {
    username: 'john',
    password: 'password123',
    _csrf: token,
  })
  check(
    login.status >= 300 && login.status < 400,
    `POST /login answered ${login.status}: ${login.text}`,
  )
  check(jar.names().includes('session'), `no session cookie after the login: ${jar.names()}`)
  const welcome = await home()
  check(welcome.includes('Logged in as john'), `GET / after the login: ${welcome}`)

  const logout = await request('GET', '/logout')
  check(logout.status >= 300 && logout.status < 400, `GET /logout answered ${logout.status}`)
  check((await home()).includes('Not logged in'), 'GET / after /logout is still logged in')
}

module.exports = { loginFlow }
