import type { ServerResponse } from 'node:http'
import type { RequestContext } from '../engine/request-context.js'

type Held = 'writeHead' | 'write' | 'end'

/**
 * node:http has no asynchronous hook before headers go out, so the first `writeHead`, `write`
 * or `end` waits while the session commits, then everything replays in order and the original
 * methods come back. A response that owes no commit passes straight through.
 */
export function holdHeaders(
  res: ServerResponse,
  context: RequestContext,
  onError: (error: unknown) => void,
): void {
  const original = { writeHead: res.writeHead, write: res.write, end: res.end }
  let queue: (() => void)[] | undefined

  // Assigning back (not deleting) keeps any wrapper another middleware installed before us.
  const restore = (): void => {
    Object.assign(res, original)
  }

  const gate = (method: Held, args: unknown[]): void => {
    const replay = (): void => {
      ;(original[method] as (...a: unknown[]) => unknown).apply(res, args)
    }
    if (queue !== undefined) {
      queue.push(replay)
      return
    }
    if (!context.needsCommit || res.headersSent) {
      restore()
      replay()
      return
    }
    queue = [replay]
    context.commit().then(
      () => {
        restore()
        for (const call of queue!) call()
      },
      (error: unknown) => {
        restore()
        onError(error)
      },
    )
  }

  res.writeHead = function writeHead(...args: unknown[]) {
    gate('writeHead', args)
    return res
  } as ServerResponse['writeHead']
  res.write = function write(...args: unknown[]) {
    gate('write', args)
    return true
  } as ServerResponse['write']
  res.end = function end(...args: unknown[]) {
    gate('end', args)
    return res
  } as ServerResponse['end']
}
