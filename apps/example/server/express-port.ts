import type { TLSSocket } from 'node:tls'
import type { HttpPort } from '@crumbs/server/engine'
import type { Request, Response } from 'express'

/**
 * The engine's port over an Express request and response, so the example asks
 * `@crumbs/server/engine` (`isSecureRequest`) the questions the session middleware asks, with
 * the same answers.
 */
export function expressPort(req: Request, res: Response): HttpPort {
  return {
    method: req.method,
    header: (name) => {
      const value = req.headers[name]
      return Array.isArray(value) ? value.join(', ') : value
    },
    encrypted: (req.socket as Partial<TLSSocket>).encrypted === true,
    host: req.headers.host,
    peerAddress: req.socket.remoteAddress,
    appendSetCookie: (line) => {
      res.append('Set-Cookie', line)
    },
    setHeader: (name, value) => {
      res.setHeader(name, value)
    },
    getHeader: (name) => {
      const value = res.getHeader(name)
      if (value === undefined) return undefined
      return Array.isArray(value) ? value.join(', ') : String(value)
    },
    headersSent: () => res.headersSent,
  }
}
