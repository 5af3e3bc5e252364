import type { HttpPort } from './http-port.js'

/** Host names that only ever name this machine (RFC 6761 §6.3 for `localhost` and below it). */
const LOCAL_NAMES = new Set(['localhost', '127.0.0.1', '[::1]'])

/** Headers a reverse proxy adds: a request carrying one did not come straight from a browser. */
const FORWARDING_HEADERS = ['forwarded', 'x-forwarded-proto', 'x-forwarded-for', 'x-forwarded-host']

/**
 * Whether the request reached the client's end over TLS: a TLS socket or an `https:` URL here
 * (`port.encrypted`), or, only when the proxy in front is trusted, the scheme its `Forwarded`
 * (RFC 7239) or `X-Forwarded-Proto` header names for the client's hop. Never the Host header.
 */
export function isSecureRequest(port: HttpPort, trustProxy: boolean): boolean {
  if (port.encrypted) return true
  if (!trustProxy) return false
  return forwardedProto(port) === 'https'
}

/**
 * Whether a plain-http request is development on this machine: sent from a loopback address
 * (or a host that cannot tell, such as a fetch `Request` made in a test) to a local host name,
 * and not through a proxy. It is the one case where `secure: 'auto'` leaves `Secure` off; the
 * engine never asks under `NODE_ENV=production`.
 */
export function isLocalDevelopment(port: HttpPort): boolean {
  for (const name of FORWARDING_HEADERS) if (port.header(name) !== undefined) return false
  const peer = port.peerAddress
  if (peer !== undefined && !isLoopbackAddress(peer)) return false
  const host = hostName(port.host)
  return LOCAL_NAMES.has(host) || host.endsWith('.localhost')
}

/** The scheme of the client's hop as a trusted proxy reports it, lower case. */
function forwardedProto(port: HttpPort): string | undefined {
  const forwarded = port.header('forwarded')
  if (forwarded !== undefined) {
    // The first element describes the hop nearest the client: `for=…;proto=https, for=…`.
    const first = forwarded.split(',', 1)[0] ?? ''
    for (const pair of first.split(';')) {
      const eq = pair.indexOf('=')
      if (pair.slice(0, eq).trim().toLowerCase() !== 'proto') continue
      return pair
        .slice(eq + 1)
        .trim()
        .replace(/^"|"$/g, '')
        .toLowerCase()
    }
  }
  const proto = port.header('x-forwarded-proto')
  if (proto === undefined) return undefined
  return (proto.split(',', 1)[0] ?? '').trim().toLowerCase()
}

/** The host name of a `Host` value (`name:port`, `[v6]:port`), without its port, lower case. */
function hostName(host: string | undefined): string {
  if (host === undefined) return ''
  const h = host.trim().toLowerCase()
  if (h.startsWith('[')) return h.slice(0, h.indexOf(']') + 1)
  const colon = h.indexOf(':')
  return colon === -1 ? h : h.slice(0, colon)
}

/** 127.0.0.0/8, ::1 and their IPv4-mapped IPv6 forms. */
function isLoopbackAddress(address: string): boolean {
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address
  return v4.startsWith('127.') || address === '::1'
}
