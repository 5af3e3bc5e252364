import { createServer as createHttpServer } from 'node:http'
import { getIronSession } from 'iron-session'
import {
  COOKIE_NAME,
  greeting,
  handleAsync,
  LOGGED_IN,
  ROUTES,
  SECRET,
  sendText,
  USERNAME,
} from '../server-module.js'

interface Data {
  username?: string
  views?: number
}

// Plain http on 127.0.0.1: the cookie cannot be Secure, as for every other target.
const options = { password: SECRET, cookieName: COOKIE_NAME, cookieOptions: { secure: false } }

/** node:http + iron-session 8: data sealed into the cookie, saved explicitly. */
export function createServer() {
  return createHttpServer(
    handleAsync(async (req, res) => {
      const session = await getIronSession<Data>(req, res, options)
      if (req.url === ROUTES.write) {
        const views = (session.views ?? 0) + 1
        session.views = views
        await session.save()
        sendText(res, 200, greeting(session.username, views))
      } else if (req.url === ROUTES.read) {
        sendText(res, 200, greeting(session.username))
      } else if (req.url === ROUTES.login) {
        session.username = USERNAME
        session.views = 0
        await session.save()
        sendText(res, 200, LOGGED_IN)
      } else {
        sendText(res, 404, 'not found')
      }
    }),
  )
}
