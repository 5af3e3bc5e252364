import type { IncomingMessage, ServerResponse } from 'node:http'
import type { TLSSocket } from 'node:tls'
import type { HttpPort } from '../engine/http-port.js'

/** The engine's view of a node:http request/response pair. */
export function nodePort(req: IncomingMessage, res: ServerResponse): HttpPort {
  return {
    method: req.method ?? 'GET',
    header(name) {
      const value = req.headers[name]
      return Array.isArray(value) ? value.join(', ') : value
    },
    encrypted: (req.socket as Partial<TLSSocket>).encrypted === true,
    appendSetCookie(line) {
      res.appendHeader('Set-Cookie', line)
    },
    setHeader(name, value) {
      res.setHeader(name, value)
    },
    getHeader(name) {
      const value = res.getHeader(name)
      return value === undefined
        ? undefined
        : Array.isArray(value)
          ? value.join(', ')
          : String(value)
    },
    headersSent: () => res.headersSent,
  }
}
