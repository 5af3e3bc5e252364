import type { HttpPort } from '../../engine/http-port.js'

/** What the request-scoped API reads of a request: a web `Request` has all of it. */
export interface RequestLike {
  /** The absolute URL: its scheme says whether the request came over TLS, its host where to. */
  readonly url?: string
  /** The request headers (`Cookie`, `Origin`, forwarded headers under `trustProxy`). */
  readonly headers?: { get(name: string): string | null }
  /** The method, when known; only the CSRF check reads it. @default 'GET' */
  readonly method?: string
}

/**
 * The engine's port for the request-scoped API: reads from the request, and holds every
 * `Set-Cookie` line and header the engine writes until the app names where they go (a
 * `Response`, a `Headers`, a framework's cookie store). Header reads see that target, so
 * `Vary` and `Cache-Control` merge with what the app set.
 */
export class ScopePort implements HttpPort {
  readonly method: string
  readonly encrypted: boolean
  readonly host: string | undefined
  readonly peerAddress = undefined
  /** The `Set-Cookie` lines, in order. */
  readonly cookies: string[] = []
  /** Other headers, by lower-case name. */
  readonly headers = new Map<string, string>()
  /**
   * The request's headers, not the request: the development warning holds the port, and must
   * not keep alive the request that keys its scope (see uncommitted-warning.ts).
   */
  readonly #headers: RequestLike['headers']
  #target: { get(name: string): string | null } | undefined
  #sent = false

  constructor(request: RequestLike) {
    this.#headers = request.headers
    this.method = (request.method ?? 'GET').toUpperCase()
    const url = request.url === undefined ? undefined : new URL(request.url)
    this.encrypted = url?.protocol === 'https:'
    this.host = url?.host ?? this.header('host')
  }

  header(name: string): string | undefined {
    return this.#headers?.get(name) ?? undefined
  }

  appendSetCookie(line: string): void {
    this.cookies.push(line)
  }

  setHeader(name: string, value: string): void {
    this.headers.set(name.toLowerCase(), value)
  }

  getHeader(name: string): string | undefined {
    return this.headers.get(name.toLowerCase()) ?? this.#target?.get(name) ?? undefined
  }

  headersSent(): boolean {
    return this.#sent
  }

  /** Names the headers the commit writes into, so the engine's reads see the app's headers. */
  target(headers: { get(name: string): string | null }): void {
    this.#target = headers
  }

  /** From now on nothing more can be written: later changes throw `HEADERS_SENT`. */
  close(): void {
    this.#sent = true
  }

  /** Appends the held lines and sets the held headers on `target`. */
  writeInto(target: Headers): void {
    for (const line of this.cookies) target.append('Set-Cookie', line)
    for (const [name, value] of this.headers) target.set(name, value)
  }
}
