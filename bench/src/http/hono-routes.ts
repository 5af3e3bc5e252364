import type { Server } from 'node:http'
import { createAdaptorServer } from '@hono/node-server'

/** A Hono app (anything with `fetch`) as a `node:http` server, not listening yet, through @hono/node-server. */
export const honoServer = (app: {
  fetch: (request: Request) => Response | Promise<Response>
}): Server => createAdaptorServer({ fetch: app.fetch }) as Server
