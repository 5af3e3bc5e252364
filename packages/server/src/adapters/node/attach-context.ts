import { IncomingMessage, ServerResponse } from 'node:http'
import type { RequestContext } from '../../engine/request-context.js'
import { type HoldingMethods, holdingMethods } from './hold-response.js'
import { HookState, keepState } from './hook-state.js'
import { deleteCookie, requestAccessors, setCookie } from './request-accessors.js'

/** Holding methods over node's own, built once and shared by every plain node:http response. */
const NODE_HOLDS = holdingMethods(ServerResponse.prototype)
/**
 * Marks a prototype already hooked, on the prototype itself under a registered symbol: the ESM
 * and the CommonJS build of crumbs in one process hook Express' prototypes once between them.
 */
const HOOKED = Symbol.for('crumbs.hooked')
const isHooked = (proto: object): boolean => Object.hasOwn(proto, HOOKED)
const markHooked = (proto: object): void => {
  Object.defineProperty(proto, HOOKED, { value: true })
}
/** The prototypes hooked last: nearly every request of an app has the same two. */
const lastHooked: { req: object | undefined; res: object | undefined } = {
  req: undefined,
  res: undefined,
}

/** Whether another middleware replaced a sending method on this very response. */
const wrappedOnInstance = (res: ServerResponse): boolean =>
  Object.hasOwn(res, 'end') || Object.hasOwn(res, 'write') || Object.hasOwn(res, 'writeHead')

/**
 * Attaches one request's context: `req.session`, `req.cookies`, `res.setCookie`,
 * `res.deleteCookie`, and the hold before headers. A framework's own prototypes (Express'
 * `app.request`/`app.response`) get accessors and holding methods once, so a request adds no
 * properties; plain node:http objects get own properties, the holding methods only when a commit
 * is owed.
 */
export function attachContext(
  req: IncomingMessage,
  res: ServerResponse,
  context: RequestContext,
  onError: (error: unknown, res: ServerResponse) => void,
): void {
  keepState(req, res, new HookState(context, onError))
  const reqProto = Object.getPrototypeOf(req) as object
  if (reqProto === IncomingMessage.prototype) {
    const own = req as IncomingMessage & Record<'session' | 'cookies' | 'crumbs', unknown>
    own.session = context.session
    own.cookies = context.cookies
    own.crumbs = context
  } else if (reqProto !== lastHooked.req) {
    if (!isHooked(reqProto)) {
      Object.defineProperties(reqProto, requestAccessors())
      markHooked(reqProto)
    }
    lastHooked.req = reqProto
  }
  const proto = Object.getPrototypeOf(res) as ServerResponse
  if (proto !== ServerResponse.prototype) {
    if (proto !== lastHooked.res) {
      if (!isHooked(proto)) {
        Object.assign(proto, holdingMethods(proto), { setCookie, deleteCookie })
        markHooked(proto)
      }
      lastHooked.res = proto
    }
    // Another middleware may have wrapped the sending methods on the instance, maybe around the
    // unhooked ones; holding its wrappers as well is harmless (the inner hold then finds the
    // commit done), missing them would lose the commit.
    if (wrappedOnInstance(res)) Object.assign(res, holdingMethods(res))
    return
  }
  const own = res as ServerResponse & Record<'setCookie' | 'deleteCookie', unknown>
  own.setCookie = setCookie
  own.deleteCookie = deleteCookie
  context.whenCommitOwed(() => {
    const holds: HoldingMethods = wrappedOnInstance(res) ? holdingMethods(res) : NODE_HOLDS
    Object.assign(res, holds)
  })
}
