import type { HttpPort } from '../../engine/http-port.js'

/**
 * The engine's view of a fetch `Request` and the `Response` it will get. Header changes wait in
 * the port until the handler's response is known and the commit has run.
 */
export interface FetchPort extends HttpPort {
  /**
   * Hands the port the handler's response (header reads see it from now on) and returns the
   * function that, after the commit, applies every pending `Set-Cookie` and header to it.
   */
  respondWith(response: Response): () => Response
}

/**
 * A port over `request`; `peerAddress` when the server tells it (Bun's `server.requestIP`,
 * Deno's `info.remoteAddr`, Hono's `getConnInfo`).
 */
export function fetchPort(request: Request, peerAddress?: string): FetchPort {
  const cookies: string[] = []
  const headers = new Map<string, string>()
  let response: Response | undefined
  let sent = false
  return {
    method: request.method.toUpperCase(),
    header: (name) => request.headers.get(name) ?? undefined,
    encrypted: request.url.startsWith('https:'),
    get host() {
      return new URL(request.url).host
    },
    peerAddress,
    appendSetCookie: (line) => void cookies.push(line),
    setHeader: (name, value) => void headers.set(name.toLowerCase(), value),
    getHeader: (name) =>
      headers.get(name.toLowerCase()) ?? response?.headers.get(name) ?? undefined,
    headersSent: () => sent,
    respondWith(handled) {
      response = handled
      return () => {
        sent = true
        return withHeaders(handled, cookies, headers)
      }
    },
  }
}

/** `response` with the cookies and headers applied, copied once when its headers are immutable. */
function withHeaders(
  response: Response,
  cookies: readonly string[],
  headers: ReadonlyMap<string, string>,
): Response {
  if (cookies.length === 0 && headers.size === 0) return response
  try {
    applyTo(response.headers, cookies, headers)
    return response
  } catch (error) {
    // Responses from Response.redirect() or fetch() have immutable headers: a TypeError.
    if (!(error instanceof TypeError)) throw error
    const copy = new Response(response.body, response)
    applyTo(copy.headers, cookies, headers)
    return copy
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
