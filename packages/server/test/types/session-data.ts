// Type tests, checked by `tsc` (the package's typecheck), never run: an app declares its session
// keys once, by merging into SessionData, and every adapter's session is typed by them.

import type { SessionScope, Sessions, SessionVariables } from '../../src/entries/fetch.js'
import type { Session } from '../../src/entries/index.js'
import { type SessionRequest, verifyCsrfToken } from '../../src/entries/node.js'
import '../../src/entries/express.js'
import '../../src/entries/fastify.js'
import '../../src/entries/koa.js'
import type { Request } from 'express'
import type { FastifyRequest } from 'fastify'
import type { Context } from 'koa'

declare module '../../src/entries/index.js' {
  interface SessionData {
    typedProbeUser: string
    typedProbeViews: number
  }
}

declare const req: Request
const user: string | undefined = req.session.get('typedProbeUser')
// @ts-expect-error a declared key keeps its type
req.session.set('typedProbeViews', 'many')
// Keys nobody declared stay readable, as unknown.
const other: unknown = req.session.get('somethingElse')
const viaCrumbs: string | undefined = req.crumbs.session.get('typedProbeUser')
const cookie: string | undefined = req.crumbs.cookies.get('theme')

declare const fastifyRequest: FastifyRequest
const fastifyViews: number | undefined = fastifyRequest.session.get('typedProbeViews')
const fastifyCookie: string | undefined = fastifyRequest.crumbs.cookies.get('theme')
declare const ctx: Context
const koaUser: string | undefined = ctx.crumbs.session.get('typedProbeUser')
// @ts-expect-error a declared key keeps its type
ctx.session.set('typedProbeUser', 1)

declare const nodeReq: SessionRequest
const views: number | undefined = nodeReq.session.get('typedProbeViews')

declare const vars: SessionVariables
const honoUser: string | undefined = vars.session.get('typedProbeUser')

declare const scope: SessionScope
const scopedViews: number | undefined = scope.session.get('typedProbeViews')
// @ts-expect-error a declared key keeps its type
scope.session.set('typedProbeUser', 2)
declare const carts: Sessions<{ items: string[] }>
const cartItems = carts.get(new Request('http://localhost/')).then(({ session }) => {
  const list: string[] | undefined = session.get('items')
  // @ts-expect-error not a key of the scope's own Data
  session.get('typedProbeUser')
  return list
})

// An interface (no index signature) types a session strictly, and is accepted wherever a
// Session is.
interface Cart {
  items: string[]
}
declare const cart: Session<Cart>
const items: string[] | undefined = cart.get('items')
// @ts-expect-error not a key of Cart
cart.get('username')
const valid: boolean = verifyCsrfToken(cart, 'token')

export const probes = [
  ...[user, other, viaCrumbs, cookie, views, honoUser, items, valid],
  ...[fastifyViews, fastifyCookie, koaUser, scopedViews, cartItems],
]
