import type { HttpPort } from '../../engine/http-port.js'

/**
 * The engine's view of a fetch `Request` and the `Response` it will get. Header changes wait in
 * the port until {@link FetchPort.finish} applies them to the handler's response.
 */
export interface FetchPort extends HttpPort {
  /** The handler's response: header reads see it from now on. */
  respondWith(response: Response): void
  /** The response with every pending `Set-Cookie` and header applied; headers count as sent. */
  finish(): Response
}

export function fetchPort(request: Request): FetchPort {
  const cookies: string[] = []
  const headers = new Map<string, string>()
  let response: Response | undefined
  let sent = false
  return {
    method: request.method.toUpperCase(),
    header: (name) => request.headers.get(name) ?? undefined,
    encrypted: request.url.startsWith('https:'),
    appendSetCookie: (line) => void cookies.push(line),
    setHeader: (name, value) => void headers.set(name.toLowerCase(), value),
    getHeader: (name) =>
      headers.get(name.toLowerCase()) ?? response?.headers.get(name) ?? undefined,
    headersSent: () => sent,
    respondWith(res) {
      response = res
    },
    finish() {
      sent = true
      if (response === undefined) throw new TypeError('finish() before respondWith()')
      if (cookies.length === 0 && headers.size === 0) return response
      // Responses from Response.redirect() or fetch() have immutable headers: copy them once.
      let out = response
      try {
        applyTo(out.headers, cookies, headers)
      } catch {
        out = new Response(response.body, response)
        applyTo(out.headers, cookies, headers)
      }
      return out
    },
  }
}

function applyTo(
  target: Headers,
  cookies: readonly string[],
  headers: ReadonlyMap<string, string>,
): void {
  for (const line of cookies) target.append('Set-Cookie', line)
  for (const [name, value] of headers) target.set(name, value)
}
