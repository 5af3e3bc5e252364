import type { HttpPort } from './http-port.js'

/** Adds `Cookie` to `Vary`, so caches key the response by the session it was made for. */
export function varyOnCookie(port: HttpPort): void {
  const vary = port.getHeader('vary')
  if (vary === undefined || vary.trim() === '') {
    port.setHeader('Vary', 'Cookie')
    return
  }
  const fields = vary.split(',').map((f) => f.trim().toLowerCase())
  if (!fields.includes('cookie') && !fields.includes('*')) port.setHeader('Vary', `${vary}, Cookie`)
}

/** Keeps a response that sets a session cookie out of shared caches (RFC 9111 §5.2.2.7). */
export function keepPrivate(port: HttpPort): void {
  const current = port.getHeader('cache-control')
  if (current === undefined || current.trim() === '') {
    port.setHeader('Cache-Control', 'private')
    return
  }
  const directives = current.split(',').map((d) => d.trim())
  const lower = directives.map((d) => d.toLowerCase())
  if (lower.includes('private') || lower.includes('no-store')) return
  const kept = directives.filter(
    (_, i) => lower[i] !== 'public' && !lower[i]!.startsWith('s-maxage'),
  )
  port.setHeader('Cache-Control', ['private', ...kept].join(', '))
}
