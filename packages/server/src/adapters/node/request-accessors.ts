import type { IncomingMessage, ServerResponse } from 'node:http'
import type { DeleteCookieOptions, SetCookieOptions } from '../../engine/request-cookies.js'
import { type HookState, requireState, stateOfRequest } from './hook-state.js'

/** `res.setCookie`: the request's cookie jar, reached from its response. */
export function setCookie(
  this: ServerResponse,
  name: string,
  value: string,
  options?: SetCookieOptions,
): void {
  requireState(this, 'res.setCookie').context.cookies.setCookie(name, value, options)
}

/** `res.deleteCookie`: the request's cookie jar, reached from its response. */
export function deleteCookie(
  this: ServerResponse,
  name: string,
  attributes?: DeleteCookieOptions,
): void {
  requireState(this, 'res.deleteCookie').context.cookies.deleteCookie(name, attributes)
}

/**
 * `req.session`, `req.cookies` and `req.crumbs` as accessors for a framework's request prototype, so a
 * request adds no properties of its own. Another middleware assigning one of the names
 * (cookie-parser's `req.cookies`) gets its own value on that request.
 */
export function requestAccessors(): PropertyDescriptorMap {
  const accessor = (name: string, read: (state: HookState) => unknown): PropertyDescriptor => ({
    configurable: true,
    get(this: IncomingMessage) {
      const state = stateOfRequest(this)
      return state === undefined ? undefined : read(state)
    },
    set(this: IncomingMessage, value: unknown) {
      Object.defineProperty(this, name, {
        value,
        writable: true,
        configurable: true,
        enumerable: true,
      })
    },
  })
  return {
    session: accessor('session', (state) => state.context.session),
    cookies: accessor('cookies', (state) => state.context.cookies),
    // The context itself: its `session` and `cookies` are what `req.crumbs` promises.
    crumbs: accessor('crumbs', (state) => state.context),
  }
}
