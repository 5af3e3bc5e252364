/**
 * The child process that runs one target's server: `node server-host.ts <module URL>
 * [<resolveFrom>]`. It binds 127.0.0.1 on a free port, counts requests, and reports its own CPU
 * time between the parent's `start` and `stop`, so the load generator's CPU never counts. A before
 * twin passes its before-build's `resolveFrom`: the module then gets `@crumbs/*` from there.
 */
import type { AddressInfo } from 'node:net'
import { useBeforeBuild } from '../before/use-before-build.js'
import type { CpuWindow, HostCommand, HostReport } from './host-messages.js'
import { DISPOSE_TIMEOUT_MS, type ServerModule } from './server-module.js'

const send = (report: HostReport) => process.send?.(report)

const [moduleUrl, resolveFrom] = process.argv.slice(2)
if (moduleUrl === undefined || process.send === undefined) {
  throw new Error('server-host runs as a forked child: fork(server-host, [moduleUrl])')
}
if (resolveFrom !== undefined) useBeforeBuild(resolveFrom)

/** The server module, once imported. */
let target: ServerModule | undefined

/** Runs the module's `dispose()`, if any, giving up after {@link DISPOSE_TIMEOUT_MS}. */
async function dispose(): Promise<void> {
  let timer: NodeJS.Timeout | undefined
  try {
    await Promise.race([
      target?.dispose?.(),
      new Promise((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`dispose() took over ${DISPOSE_TIMEOUT_MS} ms`)),
          DISPOSE_TIMEOUT_MS,
        )
      }),
    ])
  } catch (error) {
    console.error('[bench server] dispose failed:', error)
  } finally {
    clearTimeout(timer)
  }
}

/** Reports why the server could not start (the parent shows it in the FAILED row), then exits. */
async function failStart(error: unknown): Promise<never> {
  const reason = error instanceof Error ? error.message : String(error)
  // One line: the bench prints the reason again in its table and summary.
  console.error(`[bench server] could not start: ${reason}`)
  await dispose()
  const report: HostReport = { type: 'failed', reason }
  await new Promise((resolve) => process.send?.(report, resolve))
  process.exit(1)
}

// A module that cannot be imported (a before revision without one of its subpaths) fails the
// same way as one whose createServer() rejects.
const serverModule = (await import(moduleUrl).catch(failStart)) as ServerModule
target = serverModule
const server = await Promise.resolve()
  .then(() => serverModule.createServer())
  .catch(failStart)
let requests = 0
let lastRequestAt = 0
server.on('request', () => {
  requests++
  lastRequestAt = performance.now()
})
server.keepAliveTimeout = 30_000

let mark: { cpu: NodeJS.CpuUsage; requests: number; time: number } | undefined

process.on('message', (command: HostCommand) => {
  if (command.type === 'start') {
    mark = { cpu: process.cpuUsage(), requests, time: performance.now() }
    send({ type: 'started' })
  } else if (command.type === 'stop') {
    if (mark === undefined) throw new Error('stop before start')
    const cpu = process.cpuUsage(mark.cpu)
    const window: CpuWindow = {
      userMicros: cpu.user,
      systemMicros: cpu.system,
      requests: requests - mark.requests,
      wallMs: Math.max(lastRequestAt - mark.time, 0),
    }
    mark = undefined
    send({ type: 'stopped', window })
  }
})
let shuttingDown = false

/** Stops serving, lets the module release what it holds (bounded), then exits. */
async function shutdown(): Promise<void> {
  if (shuttingDown) return
  shuttingDown = true
  server.close()
  server.closeAllConnections()
  await dispose()
  process.exit(0)
}

// The bench ends a server with SIGTERM; the parent going away (closed IPC channel) ends it too.
process.on('SIGTERM', () => void shutdown())
process.on('disconnect', () => void shutdown())

server.listen(0, '127.0.0.1', () => {
  send({ type: 'ready', port: (server.address() as AddressInfo).port })
})
