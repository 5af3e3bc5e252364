import { type ChildProcess, fork } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { CPUS, pinToCpu } from './cpu-affinity.js'
import type { CpuWindow, HostCommand, HostReport } from './host-messages.js'

/** A target's server running in its own process, driven over IPC. */
export interface ServerProcess {
  /** `http://127.0.0.1:<port>` */
  readonly origin: string
  /** Opens the measured window: CPU time and request count from now on. */
  start(): Promise<void>
  /** Closes the window and returns what the server spent in it. */
  stop(): Promise<CpuWindow>
  /** Ends the process. */
  close(): Promise<void>
}

const HOST = fileURLToPath(new URL('./server-host.ts', import.meta.url))
// The host and the server modules are TypeScript: the child gets the same loader as the bench.
const TSX = import.meta.resolve('tsx')
const REPLY_TIMEOUT_MS = 30_000

const live = new Set<ChildProcess>()

/** Kills every server still running (on a failure, so no child outlives the bench). */
export function killServers(): void {
  for (const child of live) child.kill('SIGKILL')
  live.clear()
}

function nextReport<T extends HostReport['type']>(
  child: ChildProcess,
  type: T,
): Promise<Extract<HostReport, { type: T }>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      cleanup()
      reject(new Error(`server did not answer "${type}" within ${REPLY_TIMEOUT_MS} ms`))
    }, REPLY_TIMEOUT_MS)
    const onMessage = (report: HostReport) => {
      if (report.type === 'failed') {
        cleanup()
        reject(new Error(report.reason))
        return
      }
      if (report.type !== type) return
      cleanup()
      resolve(report as Extract<HostReport, { type: T }>)
    }
    const onExit = (code: number | null, signal: NodeJS.Signals | null) => {
      cleanup()
      reject(
        new Error(`server exited (code ${code}, signal ${signal}) while waiting for "${type}"`),
      )
    }
    const cleanup = () => {
      clearTimeout(timer)
      child.off('message', onMessage)
      child.off('exit', onExit)
    }
    child.on('message', onMessage)
    child.on('exit', onExit)
  })
}

/**
 * Forks a host for the server module at `moduleUrl` and waits until it listens. With
 * `resolveFrom` (a before-build's), the host imports `@crumbs/*` from that build.
 */
export async function spawnServer(moduleUrl: string, resolveFrom?: string): Promise<ServerProcess> {
  const child = fork(HOST, resolveFrom === undefined ? [moduleUrl] : [moduleUrl, resolveFrom], {
    execArgv: ['--import', TSX],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
  live.add(child)
  if (CPUS !== undefined && child.pid !== undefined) pinToCpu(child.pid, CPUS.server)
  const command = (message: HostCommand) => child.send(message)
  try {
    const { port } = await nextReport(child, 'ready')
    return {
      origin: `http://127.0.0.1:${port}`,
      async start() {
        const started = nextReport(child, 'started')
        command({ type: 'start' })
        await started
      },
      async stop() {
        const stopped = nextReport(child, 'stopped')
        command({ type: 'stop' })
        return (await stopped).window
      },
      async close() {
        live.delete(child)
        if (child.exitCode !== null || child.signalCode !== null) return
        const exited = new Promise((resolve) => child.once('exit', resolve))
        child.kill('SIGTERM')
        await exited
      },
    }
  } catch (error) {
    live.delete(child)
    child.kill('SIGKILL')
    throw error
  }
}
