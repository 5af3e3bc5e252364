import type { RequestCookies } from '@crumbs/server/express'
import { Router } from 'express'
import { renderMessagePage } from '../html/message-page.js'
import type { PageAssets } from '../page-assets.js'
import { sendHtml } from '../send-after-save.js'

/** The seed's plain (unsigned) cookie. */
const COOKIE = 'username'

/**
 * The seed's cookie demo: `/cookie/set` sets `username=john`, `/cookie/get` reads it back
 * (`Hello, john!`) and `/cookie/delete` expires it, with the same Path it was set with.
 */
export function cookieRoutes(assets: PageAssets): Router {
  const router = Router()
  const say = (title: string, message: string) =>
    renderMessagePage({ title, message, page: 'cookie', assets })

  router.get('/set', (req, res) => {
    res.setCookie(COOKIE, 'john', { path: '/', httpOnly: true, sameSite: 'lax' })
    return sendHtml(req, res, 200, say('Cookie set', `Cookie set: ${COOKIE}=john`))
  })

  router.get('/get', (req, res) => {
    const name = (req.cookies as RequestCookies).get(COOKIE)
    const message = name === undefined ? `No ${COOKIE} cookie` : `Hello, ${name}!`
    return sendHtml(req, res, 200, say('Cookie', message))
  })

  router.get('/delete', (req, res) => {
    res.deleteCookie(COOKIE, { path: '/' })
    return sendHtml(req, res, 200, say('Cookie deleted', 'Cookie deleted'))
  })

  return router
}
