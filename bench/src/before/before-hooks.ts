/**
 * Module hooks for a before twin's server process (registered by {@link useBeforeBuild}): every
 * `@crumbs/core` and `@crumbs/server` import, whichever file it is in, resolves as if written
 * in the before-build's directory, so the same server module runs on the before revision. Node
 * runs these on its hooks thread; everything else resolves as usual.
 */
import type { InitializeHook, ResolveHook } from 'node:module'

/** What {@link initialize} receives: where to resolve `@crumbs/*` from. */
export interface BeforeHooksData {
  /** A file URL inside the before-build's root (its `resolve.mjs`). */
  readonly resolveFrom: string
}

const CRUMBS = /^@crumbs\/(core|server)(\/|$)/

let resolveFrom: string | undefined

export const initialize: InitializeHook<BeforeHooksData> = (data) => {
  resolveFrom = data.resolveFrom
}

export const resolve: ResolveHook = (specifier, context, nextResolve) =>
  resolveFrom !== undefined && CRUMBS.test(specifier)
    ? nextResolve(specifier, { ...context, parentURL: resolveFrom })
    : nextResolve(specifier, context)
