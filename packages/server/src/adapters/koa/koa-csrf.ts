import type { Middleware } from 'koa'
import { checkCsrf } from '../../engine/csrf-check.js'
import { isSecureRequest } from '../../engine/request-security.js'
import type { NodeCsrfOptions } from '../node/node-csrf.js'
import { NodePort } from '../node/node-port.js'

/**
 * Koa middleware that answers 403 to unsafe requests sent cross-site (by `Sec-Fetch-Site`,
 * else `Origin`). Pair it with `verifyCsrfToken` for classic HTML forms.
 */
export function csrf(options: NodeCsrfOptions = {}): Middleware {
  return async (ctx, next) => {
    const port = new NodePort(ctx.req, ctx.res)
    const rejected = checkCsrf(port, isSecureRequest(port, options.trustProxy ?? false), options)
    if (rejected === undefined) return next()
    ctx.status = 403
    ctx.type = 'text/plain; charset=utf-8'
    ctx.body = `Forbidden: cross-site request refused (${rejected})`
  }
}
