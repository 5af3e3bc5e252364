import type { BenchConfig } from '../bench-config.js'
import type { HttpTarget } from './http-targets.js'
import { sendLoad } from './send-load.js'
import { ROUTES } from './server-module.js'
import { type ServerProcess, spawnServer } from './spawn-server.js'
import { openSessions } from './verify-session.js'

/**
 * `write`: the handler increments `views`; `read`: it only reads `username`; each connection
 * is a user with a session of its own. `contended`: `write`, but every connection replays one
 * session's cookie, so a store sees concurrent writes of one session (store targets only).
 */
export type Scenario = 'write' | 'read' | 'contended'

/** The scenarios, in the order they run and print. */
export const SCENARIOS: readonly Scenario[] = ['write', 'read', 'contended']

/** The scenarios `target` runs. */
export const scenariosOf = (target: HttpTarget): readonly Scenario[] =>
  target.contended ? SCENARIOS : SCENARIOS.filter((scenario) => scenario !== 'contended')

/** One measured window of one target. */
export interface HttpRun {
  /** Server CPU (user + system) per request, in µs. */
  readonly microsPerRequest: number
  readonly requests: number
  /** As seen by the load generator; informational, it shares the machine with the server. */
  readonly requestsPerSecond: number
}

/** A target's server, up and logged in, between rounds. */
export interface LiveTarget {
  readonly target: HttpTarget
  readonly server: ServerProcess
  /** One `Cookie` header per load connection, each a session of its own (empty when bare). */
  readonly cookies: readonly string[]
}

const pathOf = (scenario: Scenario) => (scenario === 'read' ? ROUTES.read : ROUTES.write)

/** The cookies one scenario's connections send. */
const cookiesOf = (live: LiveTarget, scenario: Scenario): readonly string[] =>
  scenario === 'contended' ? live.cookies.slice(0, 1) : live.cookies

/**
 * Starts a target's server, checks its session contract and warms every route it runs. A before
 * twin's server imports `@crumbs/*` from the build whose `resolveFrom` is given.
 */
export async function startTarget(
  target: HttpTarget,
  config: BenchConfig,
  resolveFrom?: string,
): Promise<LiveTarget> {
  if (target.twinOf !== undefined && resolveFrom === undefined) {
    throw new Error(`${target.id} is a before twin, but no before-build was given`)
  }
  const server = await spawnServer(
    new URL(target.module, import.meta.url).href,
    target.twinOf === undefined ? undefined : resolveFrom,
  )
  try {
    const cookies = await openSessions(server.origin, target.hasSession, config.connections)
    const live: LiveTarget = { target, server, cookies }
    // Warm every route before timing any, so no scenario pays for another's JIT.
    for (const scenario of scenariosOf(target)) {
      await sendLoad({
        origin: server.origin,
        path: pathOf(scenario),
        cookies: cookiesOf(live, scenario),
        amount: config.warmup,
        connections: config.connections,
      })
    }
    return live
  } catch (error) {
    await server.close()
    throw error
  }
}

/**
 * One measured window over several live targets at once: each gets `config.requests` requests
 * of `scenario`, all loaded at the same time, so the same moment of the machine (another
 * tenant, a frequency change) weighs on each of them. One outcome per target, in order: its
 * run, or the error that spoiled it.
 */
export async function measureTogether(
  members: readonly LiveTarget[],
  scenario: Scenario,
  config: BenchConfig,
): Promise<(HttpRun | Error)[]> {
  await Promise.all(members.map((live) => live.server.start()))
  const loads = await Promise.allSettled(
    members.map((live) =>
      sendLoad({
        origin: live.server.origin,
        path: pathOf(scenario),
        cookies: cookiesOf(live, scenario),
        amount: config.requests,
        connections: config.connections,
      }),
    ),
  )
  // Every window is closed, even after a failed load, so no server keeps counting.
  const windows = await Promise.all(members.map((live) => live.server.stop()))
  return windows.map((window, index) => {
    const load = loads[index]!
    if (load.status === 'rejected') {
      return load.reason instanceof Error ? load.reason : new Error(String(load.reason))
    }
    if (window.requests < config.requests) {
      return new Error(`the server counted ${window.requests} of ${config.requests} requests`)
    }
    return {
      microsPerRequest: (window.userMicros + window.systemMicros) / window.requests,
      requests: window.requests,
      requestsPerSecond: window.requests / (window.wallMs / 1000),
    }
  })
}
