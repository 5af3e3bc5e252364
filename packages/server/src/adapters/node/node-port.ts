import type { IncomingMessage, ServerResponse } from 'node:http'
import type { TLSSocket } from 'node:tls'
import type { HttpPort } from '../../engine/http-port.js'

/** The engine's view of a node:http request/response pair. */
export class NodePort implements HttpPort {
  readonly #req: IncomingMessage
  readonly #res: ServerResponse

  constructor(req: IncomingMessage, res: ServerResponse) {
    this.#req = req
    this.#res = res
  }

  get method(): string {
    return this.#req.method ?? 'GET'
  }

  get encrypted(): boolean {
    return (this.#req.socket as Partial<TLSSocket>).encrypted === true
  }

  get host(): string | undefined {
    return this.#req.headers.host
  }

  get peerAddress(): string | undefined {
    return this.#req.socket.remoteAddress
  }

  header(name: string): string | undefined {
    const value = this.#req.headers[name]
    return Array.isArray(value) ? value.join(', ') : value
  }

  appendSetCookie(line: string): void {
    const res = this.#res
    // appendHeader checks the line, then hands a first value to setHeader, which checks it again.
    if (res.hasHeader('set-cookie')) res.appendHeader('Set-Cookie', line)
    else res.setHeader('Set-Cookie', line)
  }

  setHeader(name: string, value: string): void {
    this.#res.setHeader(name, value)
  }

  getHeader(name: string): string | undefined {
    const value = this.#res.getHeader(name)
    if (value === undefined) return undefined
    return Array.isArray(value) ? value.join(', ') : String(value)
  }

  headersSent(): boolean {
    return this.#res.headersSent
  }
}
