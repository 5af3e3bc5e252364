import { parseSetCookie } from '@crumbs/core'
import type { HttpPort } from '../../src/engine/http-port.js'

/** The request side of a {@link MemoryPort}. */
export interface MemoryRequest {
  /** @default 'GET' */
  readonly method?: string
  /** Request headers by lower-case name. */
  readonly headers?: Readonly<Record<string, string>>
  /** The `Cookie` header, as a shorthand for `headers.cookie`. */
  readonly cookie?: string
  /** Whether the connection is TLS. @default true */
  readonly encrypted?: boolean
  /** The host it was addressed to. @default 'app.example' */
  readonly host?: string
  /** The peer's address. @default undefined (the host cannot tell) */
  readonly peerAddress?: string
}

/**
 * An {@link HttpPort} over plain memory, for engine unit tests: the request is what the test
 * says, the response keeps its `Set-Cookie` lines and headers, and `sendHeaders()` plays the
 * host sending them. Like a real host, it refuses a header once they went out.
 */
export class MemoryPort implements HttpPort {
  readonly method: string
  readonly encrypted: boolean
  readonly host: string | undefined
  readonly peerAddress: string | undefined
  /** Every `Set-Cookie` line appended, in order. */
  readonly setCookies: string[] = []
  readonly #request: ReadonlyMap<string, string>
  readonly #response = new Map<string, string>()
  #sent = false

  constructor(request: MemoryRequest = {}) {
    this.method = request.method ?? 'GET'
    this.encrypted = request.encrypted ?? true
    this.host = request.host ?? 'app.example'
    this.peerAddress = request.peerAddress
    const headers = new Map(Object.entries(request.headers ?? {}))
    if (request.cookie !== undefined) headers.set('cookie', request.cookie)
    this.#request = headers
  }

  header(name: string): string | undefined {
    return this.#request.get(name)
  }

  appendSetCookie(line: string): void {
    this.#refuseAfterSend('Set-Cookie')
    this.setCookies.push(line)
  }

  setHeader(name: string, value: string): void {
    this.#refuseAfterSend(name)
    this.#response.set(name.toLowerCase(), value)
  }

  getHeader(name: string): string | undefined {
    return this.#response.get(name.toLowerCase())
  }

  headersSent(): boolean {
    return this.#sent
  }

  /** What the host does when the response starts: from now on headers are refused. */
  sendHeaders(): void {
    this.#sent = true
  }

  /** The last `Set-Cookie` line for `name`, parsed; `undefined` when none was written. */
  cookie(name: string): ReturnType<typeof parseSetCookie> {
    const lines = this.setCookies.map(parseSetCookie).filter((c) => c?.name === name)
    return lines.at(-1)
  }

  /**
   * The `Cookie` header a browser would send next: `previous` (a `Cookie` header) with this
   * response's cookies set or removed (`Max-Age=0`).
   */
  nextCookieHeader(previous = ''): string {
    const jar = new Map<string, string>()
    for (const pair of previous.split(';')) {
      const eq = pair.indexOf('=')
      if (eq > 0) jar.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim())
    }
    for (const line of this.setCookies) {
      const cookie = parseSetCookie(line)
      if (cookie === undefined) continue
      if (cookie.attributes.maxAge !== undefined && cookie.attributes.maxAge <= 0) {
        jar.delete(cookie.name)
      } else {
        // Lines are serialized with their value encoded as the header carries it.
        jar.set(cookie.name, line.slice(cookie.name.length + 1, lineValueEnd(line)))
      }
    }
    return [...jar].map(([name, value]) => `${name}=${value}`).join('; ')
  }

  #refuseAfterSend(name: string): void {
    // node:http throws ERR_HTTP_HEADERS_SENT here; the fetch port has nowhere to put it.
    if (this.#sent) throw new Error(`MemoryPort: ${name} set after the headers were sent`)
  }
}

const lineValueEnd = (line: string): number => {
  const semicolon = line.indexOf(';')
  return semicolon === -1 ? line.length : semicolon
}
