import type { ChildProcess } from 'node:child_process'
import { once } from 'node:events'

/** Seconds a child gets to exit after SIGTERM before SIGKILL. */
const GRACE = 5

/**
 * Resolves with the first match of `pattern` in the child's stdout, or rejects when the child
 * exits first or `timeout` seconds pass; the rejection carries what the child printed.
 */
export function waitForLine(
  child: ChildProcess,
  pattern: RegExp,
  timeout: number,
): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    let output = ''
    const collect = (chunk: Buffer) => {
      output += chunk.toString()
      const match = output.match(pattern)
      if (match) finish(() => resolve(match))
    }
    const exited = (code: number | null, signal: NodeJS.Signals | null) =>
      finish(() => reject(new Error(`exited (${signal ?? code}) before it was ready:\n${output}`)))
    const timer = setTimeout(
      () => finish(() => reject(new Error(`not ready after ${timeout} s:\n${output}`))),
      timeout * 1000,
    )
    const finish = (settle: () => void) => {
      clearTimeout(timer)
      child.stdout?.off('data', collect)
      child.stderr?.off('data', collect)
      child.off('exit', exited)
      settle()
    }
    child.stdout?.on('data', collect)
    child.stderr?.on('data', collect)
    child.once('exit', exited)
  })
}

/** Stops a child: SIGTERM, then SIGKILL if it is still there after a grace period. */
export async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return
  const exited = once(child, 'exit')
  child.kill('SIGTERM')
  const timer = setTimeout(() => child.kill('SIGKILL'), GRACE * 1000)
  await exited
  clearTimeout(timer)
}
