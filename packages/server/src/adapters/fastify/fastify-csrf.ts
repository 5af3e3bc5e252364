import type { onRequestHookHandler } from 'fastify'
import { checkCsrf } from '../../engine/csrf-check.js'
import { isSecureRequest } from '../../engine/request-security.js'
import type { NodeCsrfOptions } from '../node/node-csrf.js'
import { fastifyPort } from './fastify-port.js'

/**
 * An `onRequest` hook that answers 403 to unsafe requests sent cross-site (by
 * `Sec-Fetch-Site`, else `Origin`): `app.addHook('onRequest', csrf())`, or on one route's
 * `onRequest`. Pair it with `verifyCsrfToken` for classic HTML forms.
 */
export function csrf(options: NodeCsrfOptions = {}): onRequestHookHandler {
  return (request, reply, done) => {
    const port = fastifyPort(request, reply)
    const rejected = checkCsrf(port, isSecureRequest(port, options.trustProxy ?? false), options)
    if (rejected === undefined) return done()
    reply
      .code(403)
      .type('text/plain; charset=utf-8')
      .send(`Forbidden: cross-site request refused (${rejected})`)
  }
}
