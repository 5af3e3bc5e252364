import http, { type IncomingMessage, type ServerResponse } from 'node:http'
import {
  checkCsrf,
  createSessionEngine,
  type HttpPort,
  isSecureRequest,
  type RequestContext,
  respondError,
} from '../../src/entries/engine.js'
import type { App, AppResponse, Host } from './hosts.js'
import { listen } from './loopback.js'

/**
 * The smallest adapter written against `@crumbs/server/engine` alone, as the adapter contract
 * (docs/architecture/adapter-contract.md) tells an author to: a port over the host's objects,
 * `begin`, hand the context to the app, `commit` before the headers, report failures. It holds
 * nothing: the app's answer is a value, so the commit simply runs before writing it.
 */
function portOf(req: IncomingMessage, res: ServerResponse): HttpPort {
  return {
    method: req.method ?? 'GET',
    header: (name) => {
      const value = req.headers[name]
      return Array.isArray(value) ? value.join(', ') : value
    },
    encrypted: false,
    host: req.headers.host,
    peerAddress: req.socket.remoteAddress,
    appendSetCookie: (line) => res.appendHeader('Set-Cookie', line),
    setHeader: (name, value) => void res.setHeader(name, value),
    getHeader: (name) => {
      const value = res.getHeader(name)
      return value === undefined ? undefined : String(value)
    },
    headersSent: () => res.headersSent,
  }
}

async function handle(
  app: App,
  engine: ReturnType<typeof createSessionEngine>,
  csrf: boolean,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const port = portOf(req, res)
  if (csrf && checkCsrf(port, isSecureRequest(port, false), {}) !== undefined) {
    res.statusCode = 403
    res.end('Forbidden')
    return
  }
  let context: RequestContext
  try {
    context = await engine.begin(port)
  } catch (error) {
    engine.options.onError(error)
    respondError(res, error)
    return
  }
  const url = new URL(req.url ?? '/', 'http://placeholder')
  let out: AppResponse
  try {
    out = await app(
      { method: port.method, path: url.pathname, query: url.searchParams },
      { session: context.session, cookies: context.cookies },
    )
  } catch (error) {
    res.statusCode = 500
    res.end(`app error: ${(error as { code?: string }).code ?? String(error)}`)
    return
  }
  // The app's headers first: the commit adds to them (Vary) and keeps a stricter Cache-Control.
  res.statusCode = out.status ?? 200
  res.setHeader('Content-Type', 'text/plain; charset=utf-8')
  for (const [name, value] of Object.entries(out.headers ?? {})) res.setHeader(name, value)
  try {
    await context.commit()
  } catch (error) {
    engine.options.onError(error)
    respondError(res, error)
    return
  }
  if (out.after) res.once('finish', out.after)
  res.end(out.body)
}

export const engineOnlyHost: Host = {
  name: 'an adapter on @crumbs/server/engine alone',
  start({ session, csrf }, app) {
    const engine = createSessionEngine(session)
    return listen(
      http.createServer((req, res) => void handle(app, engine, csrf === true, req, res)),
    )
  },
}
