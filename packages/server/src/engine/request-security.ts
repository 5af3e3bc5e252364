import type { HttpPort } from './http-port.js'

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]'])

/** The host name of a `Host` header, without its port, lower case. */
function hostName(host: string | undefined): string {
  if (host === undefined) return ''
  const h = host.trim().toLowerCase()
  if (h.startsWith('[')) return h.slice(0, h.indexOf(']') + 1)
  const colon = h.indexOf(':')
  return colon === -1 ? h : h.slice(0, colon)
}

/** Whether the request reached us over TLS, directly or (when trusted) through a proxy. */
export function isSecureRequest(port: HttpPort, trustProxy: boolean): boolean {
  if (port.encrypted) return true
  if (!trustProxy) return false
  const proto = port.header('x-forwarded-proto')
  if (proto === undefined) return false
  // The first hop is the one the client spoke to.
  const comma = proto.indexOf(',')
  return (comma === -1 ? proto : proto.slice(0, comma)).trim().toLowerCase() === 'https'
}

/**
 * Whether a request is plain-http development on this machine, the one case where `secure:
 * 'auto'` leaves `Secure` off (browsers also treat http://localhost as a secure context).
 */
export function isLocalDevelopment(port: HttpPort): boolean {
  const host = port.header('host')
  // A server sees the same Host header on nearly every request: remember the last answer.
  if (host !== lastHost) {
    const name = hostName(host)
    lastLocal = LOCAL_HOSTS.has(name) || name.endsWith('.localhost')
    lastHost = host
  }
  return lastLocal
}

let lastHost: string | undefined = ''
let lastLocal = false
