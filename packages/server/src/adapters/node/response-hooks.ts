import { IncomingMessage, ServerResponse } from 'node:http'
import type { CookieAttributes } from '@crumbs/core'
import type { RequestContext, SetCookieOptions } from '../../engine/request-context.js'
import type { NodePort } from './node-port.js'

/** What one request keeps for the hooks, keyed by the request (`res.req` from the response). */
interface RequestState {
  readonly context: RequestContext
  readonly onError: (error: unknown, res: ServerResponse) => void
  /**
   * Calls waiting while the commit runs, as `method, arguments` pairs; `undefined` when
   * nothing is held.
   */
  queue: unknown[] | undefined
}

/** A {@link NodePort} once its request has a context. */
type AttachedPort = NodePort & RequestState

type Method = (this: ServerResponse, ...args: unknown[]) => unknown

/**
 * Where a request keeps its state, under a symbol: on the response's `locals` when the
 * framework gives one (Express creates it per request, a fresh object that takes a property
 * cheaply), else on the request (a plain node:http or Connect request). Not on an Express
 * request: adding a property to one (its prototype swapped by Express, its shape grown by the
 * router) migrates its map every time, and was the dearest single step of the session layer in
 * an Express profile. Not a WeakMap either: the garbage collector treats every entry as an
 * ephemeron, which cost about a fifth of the layer's instructions.
 */
const STATE = Symbol('crumbs.request')

type Holder = { [STATE]?: RequestState }
type WithLocals = { readonly locals?: unknown }

/** The per-request `locals` object of Express' responses, if `res` has one. */
const localsOf = (res: WithLocals | undefined): Holder | undefined => {
  const locals = res?.locals
  return typeof locals === 'object' && locals !== null ? (locals as Holder) : undefined
}

const stateOfRequest = (req: IncomingMessage): RequestState | undefined =>
  localsOf((req as { res?: WithLocals }).res)?.[STATE] ?? (req as Holder)[STATE]

const stateOf = (res: ServerResponse): RequestState | undefined =>
  localsOf(res as WithLocals)?.[STATE] ?? (res.req as Holder | undefined)?.[STATE]

/**
 * node:http has no asynchronous hook before headers go out, so the first `writeHead`, `write`
 * or `end` of a response that owes a commit waits while the session commits; then the calls
 * replay in order. Any other call passes straight through.
 */
function gate(original: Method, returns: (res: ServerResponse) => unknown): Method {
  return function held(this: ServerResponse) {
    const state = stateOf(this)
    // biome-ignore lint/complexity/noArguments: forwarding `arguments` to apply copies nothing
    const args = arguments as unknown as unknown[]
    if (state === undefined) return original.apply(this, args)
    if (state.queue !== undefined) {
      state.queue.push(original, args)
      return returns(this)
    }
    if (!state.context.needsCommit || this.headersSent) return original.apply(this, args)
    let committing: Promise<void> | undefined
    try {
      committing = state.context.commitNow()
    } catch (error) {
      state.onError(error, this)
      return returns(this)
    }
    // Committed at once (a cookie session on node:crypto): nothing to hold.
    if (committing === undefined) return original.apply(this, args)
    state.queue = [original, args]
    committing.then(
      () => replay(this, state),
      (error: unknown) => {
        state.queue = undefined
        state.onError(error, this)
      },
    )
    return returns(this)
  }
}

/** Runs the calls held while the commit ran, in order. */
function replay(res: ServerResponse, state: RequestState): void {
  const queue = state.queue!
  state.queue = undefined
  for (let i = 0; i < queue.length; i += 2) {
    ;(queue[i] as Method).apply(res, queue[i + 1] as unknown[])
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
/** The prototypes hooked last: nearly every request of an app has the same two. */
const lastHooked: { req: object | undefined; res: object | undefined } = {
  req: undefined,
  res: undefined,
}

/** `req.session` and `req.cookies` as accessors on a framework's request prototype. */
function requestAccessors(): PropertyDescriptorMap {
  const accessor = (read: (state: RequestState) => unknown, name: string): PropertyDescriptor => ({
    configurable: true,
    get(this: IncomingMessage) {
      const state = stateOfRequest(this)
      return state === undefined ? undefined : read(state)
    },
    // Another middleware assigning the name (cookie-parser's `req.cookies`) gets its own value.
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
    session: accessor((state) => state.context.session, 'session'),
    cookies: accessor((state) => state.context.cookies, 'cookies'),
  }
}

/**
 * Attaches one request's context: `req.session`, `req.cookies`, `res.setCookie`,
 * `res.deleteCookie`, and the hold before headers. A framework's own prototypes (Express'
 * `app.request`/`app.response`) get accessors and hooks once, so a request adds no properties;
 * plain node:http objects get own properties, the response hooks only when a commit is owed.
 */
export function attachContext(
  req: IncomingMessage,
  res: ServerResponse,
  port: NodePort,
  context: RequestContext,
  onError: (error: unknown, res: ServerResponse) => void,
): void {
  port.context = context
  port.onError = onError
  const locals = localsOf(res as WithLocals)
  // A symbol key: Object.keys, for...in and JSON.stringify of `locals` never see it (a
  // non-enumerable define cost a third of this function in an Express profile).
  ;((locals ?? req) as Holder)[STATE] = port as AttachedPort
  const reqProto = Object.getPrototypeOf(req) as object
  if (reqProto === IncomingMessage.prototype) {
    const own = req as IncomingMessage & Record<'session' | 'cookies', unknown>
    own.session = context.session
    own.cookies = context.cookies
  } else if (reqProto !== lastHooked.req) {
    if (!hookedPrototypes.has(reqProto)) {
      Object.defineProperties(reqProto, requestAccessors())
      hookedPrototypes.add(reqProto)
    }
    lastHooked.req = reqProto
  }
  const proto = Object.getPrototypeOf(res) as ServerResponse
  if (proto !== ServerResponse.prototype) {
    if (proto !== lastHooked.res) {
      if (!hookedPrototypes.has(proto)) {
        Object.assign(proto, hooksOver(proto))
        hookedPrototypes.add(proto)
      }
      lastHooked.res = proto
    }
    // Another middleware may have wrapped these on the instance, maybe around the unhooked
    // methods; gating its wrappers as well is harmless (the inner gate then finds the commit
    // done), missing them would lose the commit. An own-property test is cheaper than comparing
    // with the prototype's, a lookup through the whole chain.
    if (
      !Object.hasOwn(res, 'end') &&
      !Object.hasOwn(res, 'write') &&
      !Object.hasOwn(res, 'writeHead')
    )
      return
    Object.assign(res, hooksOver(res))
    return
  }
  const own = res as ServerResponse & Record<'setCookie' | 'deleteCookie', unknown>
  own.setCookie = setCookie
  own.deleteCookie = deleteCookie
  context.whenCommitOwed(() => {
    const wrapped =
      Object.hasOwn(res, 'end') || Object.hasOwn(res, 'write') || Object.hasOwn(res, 'writeHead')
    Object.assign(res, wrapped ? hooksOver(res) : NODE_HOOKS)
  })
}
