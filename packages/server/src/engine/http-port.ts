/**
 * What the engine needs from a host's request and response. Adapters implement it and hold no
 * logic of their own: every rule lives in the engine.
 */
export interface HttpPort {
  /** The request method, upper case. */
  readonly method: string
  /** A request header (lower-case name), joined with `, ` when repeated. */
  header(name: string): string | undefined
  /**
   * Whether the request arrived over TLS at this server: a TLS socket, an `https:` URL. Never
   * what a header claims (forwarded headers are the engine's to read, under `trustProxy`).
   */
  readonly encrypted: boolean
  /**
   * The host the request was addressed to, with its port: the `Host` header, or the host of a
   * fetch `Request`'s URL (which has one even when a test builds it without headers).
   */
  readonly host: string | undefined
  /** The address of the peer that connected, when the host knows it (`undefined` otherwise). */
  readonly peerAddress: string | undefined
  /** Appends one `Set-Cookie` line to the response. */
  appendSetCookie(line: string): void
  /** Sets a response header, replacing any earlier value. */
  setHeader(name: string, value: string): void
  /** A response header as set so far. */
  getHeader(name: string): string | undefined
  /** Whether the response headers have gone out. */
  headersSent(): boolean
}
