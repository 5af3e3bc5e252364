import type { RequestContext } from '../../engine/request-context.js'
import type { ScopePort } from './scope-port.js'

/** What the warning needs once the commit function is gone: never the scope itself. */
interface Pending {
  readonly context: RequestContext
  readonly port: ScopePort
}

// Read once, as the engine does: production pays nothing for the warning.
const registry =
  globalThis.process?.env?.NODE_ENV !== 'production' && typeof FinalizationRegistry === 'function'
    ? new FinalizationRegistry<Pending>(warn)
    : undefined

function warn({ context, port }: Pending): void {
  if (port.headersSent()) return
  if (!context.session.modified && port.cookies.length === 0) return
  console.warn(
    '[crumbs] A session scope changed its session or cookies and was never committed, so the change was lost: return `commit(response)` (or pass `await commit()` as the response headers) from the handler that called `sessions.get()`.',
  )
}

/**
 * Outside production, warns when `commit` is garbage-collected while its scope holds changes
 * nothing wrote: once no code can reach the commit, nothing ever will. A garbage collector runs
 * when it likes, so the warning comes late; it is a hint for development, never a guarantee.
 */
export function warnIfNeverCommitted(
  commit: object,
  context: RequestContext,
  port: ScopePort,
): void {
  registry?.register(commit, { context, port })
}
