import { createServer as createHttpServer } from 'node:http'
import { session } from '@crumbs/server/node'
import { greeting, LOGGED_IN, ROUTES, SECRET, sendText, USERNAME } from '../server-module.js'

// A type alias, not an interface: `SessionData` is an index signature, which interfaces lack.
type Data = {
  username: string
  views: number
}

/** node:http + crumbs cookie sessions in the default `sealed` format: compared with iron-session. */
export function createServer() {
  const sessions = session<Data>({ secret: SECRET })
  return createHttpServer(
    sessions.wrap((req, res) => {
      if (req.url === ROUTES.write) {
        const views = (req.session.get('views') ?? 0) + 1
        req.session.set('views', views)
        sendText(res, 200, greeting(req.session.get('username'), views))
      } else if (req.url === ROUTES.read) {
        sendText(res, 200, greeting(req.session.get('username')))
      } else if (req.url === ROUTES.login) {
        req.session.set('username', USERNAME)
        req.session.set('views', 0)
        sendText(res, 200, LOGGED_IN)
      } else {
        sendText(res, 404, 'not found')
      }
    }),
  )
}
