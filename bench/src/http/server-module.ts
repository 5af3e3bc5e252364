import type { IncomingMessage, Server, ServerResponse } from 'node:http'

/**
 * What every file in `servers/` exports: a server that is not listening yet. The host process
 * binds it to 127.0.0.1 on a free port.
 *
 * Every server answers the same three routes:
 * - `GET /login` stores `{ username: 'john', views: 0 }` in the session;
 * - `GET /` reads `username`, increments `views` (so every request changes the session) and
 *   answers {@link greeting}`(username, views)`;
 * - `GET /read` only reads `username` and answers {@link greeting}`(username)`.
 *
 * A bare server (no session middleware) answers the same bodies from constants. A
 * `createServer` that rejects (a store it cannot reach) makes the target FAILED with its message.
 */
export interface ServerModule {
  createServer(): Server | Promise<Server>
  /**
   * Releases what `createServer` set up outside the process (a store's keys, a temporary file).
   * The host calls it once, when the bench ends the server, within {@link DISPOSE_TIMEOUT_MS}.
   */
  dispose?(): Promise<void>
}

/** How long a server module's `dispose()` may take before the host exits anyway, in ms. */
export const DISPOSE_TIMEOUT_MS = 5_000

/** The session secret of every target: 48 bytes, above every library's minimum. */
export const SECRET = 'bench-http-secret-0123456789abcdef-0123456789abcd'

/** The session cookie name every target uses, so request headers have the same size. */
export const COOKIE_NAME = 'session'

/** The user the warm-up logs in. */
export const USERNAME = 'john'

/** The paths of the three routes. */
export const ROUTES = Object.freeze({ login: '/login', write: '/', read: '/read' })

/** The response body of `/` (with `views`) and of `/read` (without). */
export function greeting(username: unknown, views?: number): string {
  return views === undefined
    ? `hello ${String(username)}`
    : `hello ${String(username)}, views ${views}`
}

/** The body of `/login`. */
export const LOGGED_IN = 'logged in'

/** Ends `res` with a small text body, the way every node:http target answers. */
export function sendText(res: ServerResponse, status: number, body: string): void {
  res.statusCode = status
  res.setHeader('content-type', 'text/plain; charset=utf-8')
  res.end(body)
}

/**
 * A node:http listener from an async handler: a rejection becomes a logged 500, which the load
 * generator counts and the bench reports as a failure.
 */
export function handleAsync(
  handler: (req: IncomingMessage, res: ServerResponse) => Promise<void>,
): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    handler(req, res).catch((error: unknown) => {
      console.error('[bench server] request failed:', error)
      if (!res.headersSent) sendText(res, 500, 'error')
      else res.destroy()
    })
  }
}
