import { execFileSync } from 'node:child_process'
import { availableParallelism } from 'node:os'

/**
 * The CPUs the bench keeps apart on Linux: servers run on the last one, the bench process (the
 * load generator) on the first, so neither steals the other's core or cache mid-slice. `undefined`
 * where that cannot be arranged (one CPU, another OS, no `taskset`).
 */
export const CPUS: { readonly load: number; readonly server: number } | undefined =
  process.platform === 'linux' && availableParallelism() >= 2
    ? { load: 0, server: availableParallelism() - 1 }
    : undefined

/** Pins process `pid` to `cpu` with util-linux's `taskset`; false when that failed. */
export function pinToCpu(pid: number, cpu: number): boolean {
  try {
    execFileSync('taskset', ['-p', '-c', String(cpu), String(pid)], { stdio: 'ignore' })
    return true
  } catch {
    // No taskset (or not allowed): the bench runs unpinned, as it says in its header.
    return false
  }
}
