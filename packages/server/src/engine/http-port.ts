/**
 * What the engine needs from a host's request and response. Adapters implement it and hold no
 * logic of their own: every rule lives in the engine.
 */
export interface HttpPort {
  /** The request method, upper case. */
  readonly method: string
  /** A request header (lower-case name), joined with `, ` when repeated. */
  header(name: string): string | undefined
  /** Whether the connection itself is TLS (not what a proxy claims). */
  readonly encrypted: boolean
  /** Appends one `Set-Cookie` line to the response. */
  appendSetCookie(line: string): void
  /** Sets a response header, replacing any earlier value. */
  setHeader(name: string, value: string): void
  /** A response header as set so far. */
  getHeader(name: string): string | undefined
  /** Whether the response headers have gone out. */
  headersSent(): boolean
}
