import { parseSetCookie } from '@crumbs/core'

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
  readonly #base: string

  constructor(base: string) {
    this.#base = base
  }

  async request(path: string, init: RequestInit = {}): Promise<ClientResponse> {
    const headers = new Headers(init.headers)
    if (this.jar.size > 0 && !headers.has('cookie')) {
      headers.set('cookie', [...this.jar].map(([n, v]) => `${n}=${v}`).join('; '))
    }
    const response = await fetch(this.#base + path, { ...init, headers, redirect: 'manual' })
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
