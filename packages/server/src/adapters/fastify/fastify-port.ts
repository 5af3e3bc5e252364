import type { TLSSocket } from 'node:tls'
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { HttpPort } from '../../engine/http-port.js'

/** A header value as one string, repeated values joined with `, `. */
const joined = (value: string | number | readonly string[] | undefined): string | undefined =>
  value === undefined ? undefined : Array.isArray(value) ? value.join(', ') : String(value)

/**
 * The engine's view of a Fastify request and its reply. Request facts come from the raw node
 * request (never `request.protocol`, `request.host` or `request.ip`, which follow Fastify's own
 * `trustProxy`); headers go into the reply, which Fastify writes after the `onSend` hooks, or
 * straight onto the raw response once the route took it over with `reply.hijack()`.
 */
export function fastifyPort(request: FastifyRequest, reply: FastifyReply): HttpPort {
  const { headers, socket } = request.raw
  return {
    method: request.raw.method ?? 'GET',
    header: (name) => joined(headers[name]),
    encrypted: (socket as Partial<TLSSocket>).encrypted === true,
    host: headers.host,
    peerAddress: socket.remoteAddress,
    appendSetCookie(line) {
      if (reply.sent) reply.raw.appendHeader('Set-Cookie', line)
      else reply.header('Set-Cookie', line)
    },
    setHeader(name, value) {
      if (reply.sent) reply.raw.setHeader(name, value)
      else reply.header(name, value)
    },
    getHeader: (name) => joined(reply.getHeader(name)),
    headersSent: () => reply.raw.headersSent,
  }
}
