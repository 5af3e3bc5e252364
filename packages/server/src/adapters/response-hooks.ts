import { type IncomingMessage, ServerResponse } from 'node:http'
import type { CookieAttributes } from '@crumbs/core'
import type { RequestContext, SetCookieOptions } from '../engine/request-context.js'

const STATE = Symbol('crumbs.request')

/** What one request keeps for the response hooks, on the request (`res.req`). */
interface RequestState {
  readonly context: RequestContext
  readonly onError: (error: unknown, res: ServerResponse) => void
  /** Calls waiting while the commit runs; `undefined` when nothing is held. */
  queue: (() => void)[] | undefined
}

type Carrier = IncomingMessage & { [STATE]?: RequestState }
type Method = (this: ServerResponse, ...args: unknown[]) => unknown

const stateOf = (res: ServerResponse): RequestState | undefined =>
  (res.req as Carrier | undefined)?.[STATE]

/**
 * node:http has no asynchronous hook before headers go out, so the first `writeHead`, `write`
 * or `end` of a response that owes a commit waits while the session commits; then the calls
 * replay in order. Any other call passes straight through.
 */
function gate(original: Method, returns: (res: ServerResponse) => unknown): Method {
  return function held(this: ServerResponse, ...args: unknown[]) {
    const state = stateOf(this)
    if (state === undefined) return original.apply(this, args)
    if (state.queue !== undefined) {
      state.queue.push(() => original.apply(this, args))
      return returns(this)
    }
    if (!state.context.needsCommit || this.headersSent) return original.apply(this, args)
    state.queue = [() => original.apply(this, args)]
    state.context.commit().then(
      () => {
        const queue = state.queue!
        state.queue = undefined
        for (const call of queue) call()
      },
      (error: unknown) => {
        state.queue = undefined
        state.onError(error, this)
      },
    )
    return returns(this)
  }
}

function setCookie(this: ServerResponse, name: string, value: string, options?: SetCookieOptions) {
  requireState(this).context.setCookie(name, value, options)
}

function deleteCookie(
  this: ServerResponse,
  name: string,
  attributes?: Omit<CookieAttributes, 'expires' | 'maxAge'>,
) {
  requireState(this).context.deleteCookie(name, attributes)
}

function requireState(res: ServerResponse): RequestState {
  const state = stateOf(res)
  if (state === undefined) throw new TypeError('res.setCookie needs the crumbs middleware first.')
  return state
}

type Hooks = Record<'writeHead' | 'write' | 'end' | 'setCookie' | 'deleteCookie', unknown>

const self = (res: ServerResponse) => res
const wrote = () => true

function hooksOver(methods: Pick<ServerResponse, 'writeHead' | 'write' | 'end'>): Hooks {
  return {
    writeHead: gate(methods.writeHead as Method, self),
    write: gate(methods.write as Method, wrote),
    end: gate(methods.end as Method, self),
    setCookie,
    deleteCookie,
  }
}

/** Hooks over node's own methods, built once and shared by every plain node:http response. */
const NODE_HOOKS = hooksOver(ServerResponse.prototype)
const hookedPrototypes = new WeakSet<object>()

/**
 * Attaches one request's context to its response: `res.setCookie`, `res.deleteCookie`, and the
 * hold before headers. A framework's own response prototype (Express' `app.response`) gets the
 * hooks once, so requests add no properties to the response and keep its hidden class; a plain
 * `ServerResponse` gets shared functions as own properties, and only when it owes a commit.
 */
export function hookResponse(
  req: IncomingMessage,
  res: ServerResponse,
  context: RequestContext,
  onError: (error: unknown, res: ServerResponse) => void,
): void {
  ;(req as Carrier)[STATE] = { context, onError, queue: undefined }
  const proto = Object.getPrototypeOf(res) as ServerResponse
  if (proto !== ServerResponse.prototype) {
    if (!hookedPrototypes.has(proto)) {
      Object.assign(proto, hooksOver(proto))
      hookedPrototypes.add(proto)
    }
    // Another middleware may have wrapped these on the instance, around the unhooked methods.
    if (res.end === proto.end && res.write === proto.write && res.writeHead === proto.writeHead)
      return
    Object.assign(res, hooksOver(res))
    return
  }
  Object.assign(res, { setCookie, deleteCookie })
  context.whenCommitOwed(() => {
    const own =
      Object.hasOwn(res, 'end') || Object.hasOwn(res, 'write') || Object.hasOwn(res, 'writeHead')
    Object.assign(res, own ? hooksOver(res) : NODE_HOOKS)
  })
}
