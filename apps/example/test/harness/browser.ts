import { request } from 'node:http'
import { expect } from 'vitest'

/** A `Set-Cookie` line's name, value and attributes, as a browser would keep them. */
export interface ReceivedCookie {
  readonly name: string
  readonly value: string
  /** Lower-case attribute names, like `secure` and `httponly`. */
  readonly attributes: readonly string[]
  readonly line: string
}

/** Splits one `Set-Cookie` line (enough for what the example sends). */
export function parseSetCookieLine(line: string): ReceivedCookie {
  const [pair = '', ...rest] = line.split(';')
  const eq = pair.indexOf('=')
  return {
    name: pair.slice(0, eq).trim(),
    value: pair.slice(eq + 1).trim(),
    attributes: rest.map((a) => a.trim().split('=')[0]!.toLowerCase()),
    line,
  }
}

/** A browser-like client over real HTTP: a cookie jar, no redirects followed. */
export class Browser {
  readonly jar = new Map<string, string>()
  /** Headers sent with every request, like `{ 'x-forwarded-for': '203.0.113.7' }`. */
  readonly headers: Record<string, string>

  constructor(
    readonly base: string,
    headers: Record<string, string> = {},
  ) {
    this.headers = { ...headers }
  }

  /**
   * Sends a request over node:http (so any header can be set, `Host` included) with the jar's
   * cookies, keeps the cookies it answers with, and returns the answer as a fetch `Response`.
   */
  async send(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(this.headers)
    for (const [name, value] of new Headers(init.headers)) headers.set(name, value)
    if (this.jar.size > 0)
      headers.set('cookie', [...this.jar].map(([k, v]) => `${k}=${v}`).join('; '))
    let body: string | undefined
    if (init.body instanceof URLSearchParams) {
      body = init.body.toString()
      if (!headers.has('content-type'))
        headers.set('content-type', 'application/x-www-form-urlencoded;charset=UTF-8')
    } else if (typeof init.body === 'string') {
      body = init.body
    }
    const response = await exchange(new URL(this.base + path), init.method ?? 'GET', headers, body)
    for (const line of response.headers.getSetCookie()) {
      const cookie = parseSetCookieLine(line)
      if (/;\s*max-age=0/i.test(line)) this.jar.delete(cookie.name)
      else this.jar.set(cookie.name, cookie.value)
    }
    return response
  }

  /** The CSRF token of the login form (GET /login). */
  async formToken(): Promise<string> {
    const html = await (await this.send('/login')).text()
    return html.match(/name="csrf_token" value="([^"]+)"/)?.[1] ?? ''
  }

  /** The CSRF token of the page at `path` (the welcome page's logout form, say). */
  async pageToken(path = '/'): Promise<string> {
    const html = await (await this.send(path)).text()
    return html.match(/name="csrf_token" value="([^"]+)"/)?.[1] ?? ''
  }

  postForm(path: string, fields: Record<string, string>, headers: Record<string, string> = {}) {
    return this.send(path, { method: 'POST', body: new URLSearchParams(fields), headers })
  }

  postJson(path: string, body: unknown, headers: Record<string, string> = {}) {
    return this.send(path, {
      method: 'POST',
      body: JSON.stringify(body),
      headers: { 'content-type': 'application/json', ...headers },
    })
  }

  /** Posts the login form (fetching its token first) and answers the response. */
  async tryLogIn(username: string, password: string): Promise<Response> {
    const csrf_token = await this.formToken()
    return this.postForm('/login', { csrf_token, username, password })
  }

  async logIn(username = 'john', password = 'pw'): Promise<void> {
    const response = await this.tryLogIn(username, password)
    expect(response.status).toBe(303)
  }
}

/** Statuses whose `Response` cannot have a body. */
const NULL_BODY = new Set([101, 204, 205, 304])

/** One request over node:http, its answer read whole. */
function exchange(url: URL, method: string, headers: Headers, body?: string): Promise<Response> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers: Object.fromEntries(headers) }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('error', reject)
      res.on('end', () => {
        const answer = new Headers()
        for (let i = 0; i < res.rawHeaders.length; i += 2) {
          answer.append(res.rawHeaders[i]!, res.rawHeaders[i + 1]!)
        }
        const status = res.statusCode ?? 0
        resolve(
          new Response(NULL_BODY.has(status) ? null : Buffer.concat(chunks), {
            status,
            headers: answer,
          }),
        )
      })
    })
    req.on('error', reject)
    req.end(body)
  })
}
