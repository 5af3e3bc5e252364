import http from 'node:http'
import { parseSetCookie } from '@crumbs/core'

/**
 * A request with a Host header of the test's choosing (fetch always sends the URL's host), as a
 * proxy or a LAN browser would send it to this server.
 */
function requestWithHost(url: string, init: RequestInit, headers: Headers): Promise<Response> {
  return new Promise((resolve, reject) => {
    const outgoing: Record<string, string> = {}
    headers.forEach((value, name) => {
      outgoing[name] = value
    })
    const request = http.request(
      url,
      { method: init.method ?? 'GET', headers: outgoing, setHost: false },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (chunk: Buffer) => chunks.push(chunk))
        res.on('end', () => {
          const out = new Headers()
          for (let i = 0; i < res.rawHeaders.length; i += 2) {
            out.append(res.rawHeaders[i]!, res.rawHeaders[i + 1]!)
          }
          resolve(
            new Response(Buffer.concat(chunks), { status: res.statusCode ?? 0, headers: out }),
          )
        })
      },
    )
    request.on('error', reject)
    request.end()
  })
}

export interface ClientResponse {
  readonly status: number
  readonly body: string
  readonly headers: Headers
  /** Every `Set-Cookie` line of this response. */
  readonly setCookies: readonly string[]
}

/** A minimal browser: a cookie jar over fetch, cookies set and expired as a browser would. */
export class Client {
  readonly jar = new Map<string, string>()
  /** The server's URL, for another client of the same server. */
  readonly base: string

  constructor(base: string) {
    this.base = base
  }

  async request(path: string, init: RequestInit = {}): Promise<ClientResponse> {
    const headers = new Headers(init.headers)
    if (this.jar.size > 0 && !headers.has('cookie')) {
      headers.set('cookie', [...this.jar].map(([n, v]) => `${n}=${v}`).join('; '))
    }
    const response = headers.has('host')
      ? await requestWithHost(this.base + path, init, headers)
      : await fetch(this.base + path, { ...init, headers, redirect: 'manual' })
    const setCookies = response.headers.getSetCookie()
    for (const line of setCookies) {
      const cookie = parseSetCookie(line)
      if (cookie === undefined) continue
      const { maxAge, expires } = cookie.attributes
      const expired =
        (maxAge !== undefined && maxAge <= 0) ||
        (expires !== undefined && expires.getTime() <= Date.now())
      if (expired) this.jar.delete(cookie.name)
      else this.jar.set(cookie.name, cookie.value)
    }
    return {
      status: response.status,
      body: await response.text(),
      headers: response.headers,
      setCookies,
    }
  }

  get(path: string, headers: Record<string, string> = {}): Promise<ClientResponse> {
    return this.request(path, { headers })
  }

  post(path: string, headers: Record<string, string> = {}): Promise<ClientResponse> {
    return this.request(path, { method: 'POST', headers })
  }
}
