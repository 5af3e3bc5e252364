import { createServer as createHttpServer } from 'node:http'
import { greeting, LOGGED_IN, ROUTES, sendText, USERNAME } from '../server-module.js'

/** node:http with no session: the floor that node:http session targets are measured against. */
export function createServer() {
  return createHttpServer((req, res) => {
    if (req.url === ROUTES.write) sendText(res, 200, greeting(USERNAME, 1))
    else if (req.url === ROUTES.read) sendText(res, 200, greeting(USERNAME))
    else if (req.url === ROUTES.login) sendText(res, 200, LOGGED_IN)
    else sendText(res, 404, 'not found')
  })
}
