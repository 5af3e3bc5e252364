import type { ServerResponse } from 'node:http'
import type { MaybePromise } from '@crumbs/core/engine'
import { type HookState, stateOf } from './hook-state.js'

type Method = (this: ServerResponse, ...args: unknown[]) => unknown

/** A response's methods that send headers: held while a commit runs. */
export type HoldingMethods = Record<'writeHead' | 'write' | 'end', Method>

/**
 * node:http has no asynchronous hook before headers go out, so the first `writeHead`, `write`
 * or `end` of a response that owes a commit waits while the session commits; then the calls
 * replay in order. A response that owes nothing, or a commit that finishes at once, passes
 * straight through.
 */
function hold(original: Method, returns: (res: ServerResponse) => unknown): Method {
  return function held(this: ServerResponse) {
    const state = stateOf(this)
    // biome-ignore lint/complexity/noArguments: forwarding `arguments` to apply copies nothing
    const args = arguments as unknown as unknown[]
    if (state === undefined) return original.apply(this, args)
    if (state.queue !== undefined) {
      state.queue.push(original, args)
      return returns(this)
    }
    if (!state.context.commitOwed || this.headersSent) return original.apply(this, args)
    let committing: MaybePromise<void>
    try {
      committing = state.context.commit()
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
function replay(res: ServerResponse, state: HookState): void {
  const queue = state.queue ?? []
  state.queue = undefined
  for (let i = 0; i < queue.length; i += 2) {
    ;(queue[i] as Method).apply(res, queue[i + 1] as unknown[])
  }
}

const self = (res: ServerResponse) => res
const wrote = () => true

/** `writeHead`, `write` and `end` over `methods`, each holding while a commit runs. */
export function holdingMethods(
  methods: Pick<ServerResponse, 'writeHead' | 'write' | 'end'>,
): HoldingMethods {
  return {
    writeHead: hold(methods.writeHead as Method, self),
    write: hold(methods.write as Method, wrote),
    end: hold(methods.end as Method, self),
  }
}
