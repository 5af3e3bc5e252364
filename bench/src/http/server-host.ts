/**
 * The child process that runs one target's server: `node server-host.ts <module URL>`. It binds
 * 127.0.0.1 on a free port, counts requests, and reports its own CPU time between the parent's
 * `start` and `stop`, so the load generator's CPU never counts.
 */
import type { AddressInfo } from 'node:net'
import type { CpuWindow, HostCommand, HostReport } from './host-messages.js'
import type { ServerModule } from './server-module.js'

const send = (report: HostReport) => process.send?.(report)

const moduleUrl = process.argv[2]
if (moduleUrl === undefined || process.send === undefined) {
  throw new Error('server-host runs as a forked child: fork(server-host, [moduleUrl])')
}

const target = (await import(moduleUrl)) as ServerModule
const server = await target.createServer()
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
// The parent going away (closed IPC channel) ends the server too.
process.on('disconnect', () => process.exit(0))

server.listen(0, '127.0.0.1', () => {
  send({ type: 'ready', port: (server.address() as AddressInfo).port })
})
