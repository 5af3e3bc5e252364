import type { IncomingMessage, ServerResponse } from 'node:http'
import { CrumbsError } from '@crumbs/core'
import type { RequestContext } from '../../engine/request-context.js'

/** What the response hooks keep for one request once its session loaded. */
export class HookState {
  readonly context: RequestContext
  /** Reports a failed commit and answers the response with an error. */
  readonly onError: (error: unknown, res: ServerResponse) => void
  /** Calls held while the commit runs, as `method, arguments` pairs; `undefined` when none are. */
  queue: unknown[] | undefined

  constructor(context: RequestContext, onError: (error: unknown, res: ServerResponse) => void) {
    this.context = context
    this.onError = onError
  }
}

/**
 * Where a request keeps its state, under a symbol (invisible to keys, for...in and JSON): on the
 * response's `locals` when the framework gives one (Express makes a fresh object per request),
 * else on the request. Why not on an Express request or in a WeakMap: see
 * docs/architecture/node-adapter.md. The symbol is a registered one, so the ESM and the CommonJS
 * build of crumbs in one process find each other's state (docs/architecture/dual-package.md).
 */
const STATE = Symbol.for('crumbs.request')

type Holder = { [STATE]?: HookState }
type WithLocals = { readonly locals?: unknown }

/** The per-request `locals` object of Express' responses, if `res` has one. */
const localsOf = (res: WithLocals | undefined): Holder | undefined => {
  const locals = res?.locals
  return typeof locals === 'object' && locals !== null ? (locals as Holder) : undefined
}

/** Keeps `state` for the request of `req` and `res`. */
export function keepState(req: IncomingMessage, res: ServerResponse, state: HookState): void {
  ;((localsOf(res as WithLocals) ?? req) as Holder)[STATE] = state
}

/** The state kept for the request of `res`, if the middleware ran. */
export const stateOf = (res: ServerResponse): HookState | undefined =>
  localsOf(res as WithLocals)?.[STATE] ?? (res.req as Holder | undefined)?.[STATE]

/** The state kept for `req`, if the middleware ran. */
export const stateOfRequest = (req: IncomingMessage): HookState | undefined =>
  localsOf((req as { res?: WithLocals }).res)?.[STATE] ?? (req as Holder)[STATE]

/** {@link stateOf}, or `MIDDLEWARE_MISSING` naming what was called too early. */
export function requireState(res: ServerResponse, what: string): HookState {
  const state = stateOf(res)
  if (state === undefined) {
    throw new CrumbsError(
      'MIDDLEWARE_MISSING',
      `${what} needs the crumbs session middleware to run first: app.use(session({ secret })).`,
      { details: { call: what } },
    )
  }
  return state
}
