import { Agent, request } from 'node:http'

/** A reused keep-alive connection that the server had closed: no answer began. */
class StaleConnection extends Error {}

/** One answer, read whole. */
export interface Answer {
  readonly status: number
  readonly body: Record<string, unknown>
  readonly setCookies: readonly string[]
  /** The body as text, when it was not JSON. */
  readonly text: string
  readonly retryAfter: string | undefined
}

/** The example's JSON API over keep-alive loopback connections, for many virtual users. */
export class SoakClient {
  readonly #agent: Agent
  readonly #origin: string

  constructor(origin: string, connections: number) {
    this.#origin = origin
    this.#agent = new Agent({ keepAlive: true, maxSockets: connections })
  }

  /**
   * Keep-alive connections the server closed just as a request went out on them, sent again on
   * a new one (browsers do the same: no answer had begun).
   */
  resent = 0

  /**
   * Sends one request with `cookies` (name → value); rejects on a transport failure. A request
   * that finds its reused keep-alive connection reset before any answer is sent once more on a
   * new connection, as browsers do.
   */
  async send(
    method: 'GET' | 'POST',
    path: string,
    cookies: ReadonlyMap<string, string>,
    body?: unknown,
    csrf?: string,
  ): Promise<Answer> {
    try {
      return await this.#send(method, path, cookies, body, csrf)
    } catch (error) {
      if (!(error instanceof StaleConnection)) throw error
      this.resent++
      return this.#send(method, path, cookies, body, csrf)
    }
  }

  #send(
    method: 'GET' | 'POST',
    path: string,
    cookies: ReadonlyMap<string, string>,
    body?: unknown,
    csrf?: string,
  ): Promise<Answer> {
    const headers: Record<string, string> = {}
    if (cookies.size > 0) headers.cookie = [...cookies].map(([k, v]) => `${k}=${v}`).join('; ')
    const payload = body === undefined ? undefined : JSON.stringify(body)
    if (payload !== undefined) headers['content-type'] = 'application/json'
    if (csrf !== undefined) headers['x-csrf-token'] = csrf
    return new Promise((resolve, reject) => {
      const req = request(
        new URL(path, this.#origin),
        { method, headers, agent: this.#agent, timeout: 60_000 },
        (res) => {
          let text = ''
          res.setEncoding('utf8')
          res.on('data', (chunk: string) => {
            text += chunk
          })
          res.on('error', reject)
          res.on('end', () => {
            let parsed: Record<string, unknown> = {}
            if ((res.headers['content-type'] ?? '').includes('json')) {
              try {
                parsed = JSON.parse(text) as Record<string, unknown>
              } catch {
                parsed = { unparsable: text.slice(0, 100) }
              }
            }
            const setCookie = res.headers['set-cookie'] ?? []
            resolve({
              status: res.statusCode ?? 0,
              body: parsed,
              setCookies: setCookie,
              text,
              retryAfter: res.headers['retry-after'],
            })
          })
        },
      )
      req.on('timeout', () => req.destroy(new Error('no answer within 60 s')))
      req.on('error', (error: NodeJS.ErrnoException) => {
        const reset = error.code === 'ECONNRESET' || error.code === 'EPIPE'
        reject(req.reusedSocket && reset ? new StaleConnection(error.message) : error)
      })
      req.end(payload)
    })
  }

  close(): void {
    this.#agent.destroy()
  }
}

/** Applies `Set-Cookie` lines to a jar, as a browser would (Max-Age=0 deletes). */
export function keepCookies(jar: Map<string, string>, lines: readonly string[]): void {
  for (const line of lines) {
    const pair = line.split(';', 1)[0] ?? ''
    const eq = pair.indexOf('=')
    const name = pair.slice(0, eq).trim()
    if (/;\s*max-age=0/i.test(line)) jar.delete(name)
    else jar.set(name, pair.slice(eq + 1).trim())
  }
}
