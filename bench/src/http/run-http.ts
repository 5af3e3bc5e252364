import type { BenchConfig } from '../bench-config.js'
import { median } from '../median.js'
import { meetsTarget, type RatioTarget } from '../report/ratio-target.js'
import { type HttpTarget, selectTargets } from './http-targets.js'
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
const scenariosOf = (target: HttpTarget): readonly Scenario[] =>
  target.contended ? SCENARIOS : SCENARIOS.filter((scenario) => scenario !== 'contended')

/** One measured window of one target. */
export interface HttpRun {
  /** Server CPU (user + system) per request, in µs. */
  readonly microsPerRequest: number
  readonly requests: number
  /** As seen by the load generator; informational, it shares the machine with the server. */
  readonly requestsPerSecond: number
}

/** A target's outcome in one scenario, over every run. */
export interface HttpResult {
  readonly id: string
  readonly label: string
  readonly scenario: Scenario
  /** Median server CPU per request, in µs; `undefined` when the target failed. */
  readonly microsPerRequest: number | undefined
  /** The median minus the bare framework's: what the session itself costs, in µs/request. */
  readonly sessionMicros: number | undefined
  readonly requestsPerSecond: number | undefined
  readonly baseline: string | undefined
  /** For crumbs: our session cost ÷ the anchor's (lower is better). */
  readonly compare:
    | {
        readonly anchor: string
        readonly ratio: number | undefined
        /** `undefined` for an informational comparison. */
        readonly target: RatioTarget | undefined
        readonly met: boolean | undefined
      }
    | undefined
  readonly runs: readonly HttpRun[]
  /** Why the target was not measured (a failed check, a crash, a non-2xx answer). */
  readonly error: string | undefined
}

const describeError = (error: unknown): string =>
  error instanceof Error
    ? `${error.message}${error.cause instanceof Error ? ` (cause: ${error.cause.message})` : ''}`
    : String(error)

/** A target's server, up and logged in, between rounds. */
interface LiveTarget {
  readonly target: HttpTarget
  readonly server: ServerProcess
  /** One `Cookie` header per load connection, each a session of its own (`['']` when bare). */
  readonly cookies: readonly string[]
}

const pathOf = (scenario: Scenario) => (scenario === 'read' ? ROUTES.read : ROUTES.write)

/** The cookies one scenario's connections send. */
const cookiesOf = (live: LiveTarget, scenario: Scenario): readonly string[] =>
  scenario === 'contended' ? live.cookies.slice(0, 1) : live.cookies

/** Starts a target's server, checks its session contract and warms both routes. */
async function startTarget(target: HttpTarget, config: BenchConfig): Promise<LiveTarget> {
  const server = await spawnServer(new URL(target.module, import.meta.url).href)
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

/** One measured window: `config.requests` requests of one scenario against one live target. */
async function measureSlice(
  live: LiveTarget,
  scenario: Scenario,
  config: BenchConfig,
): Promise<HttpRun> {
  const { server } = live
  await server.start()
  await sendLoad({
    origin: server.origin,
    path: pathOf(scenario),
    cookies: cookiesOf(live, scenario),
    amount: config.requests,
    connections: config.connections,
  })
  const window = await server.stop()
  if (window.requests < config.requests) {
    throw new Error(`the server counted ${window.requests} of ${config.requests} requests`)
  }
  return {
    microsPerRequest: (window.userMicros + window.systemMicros) / window.requests,
    requests: window.requests,
    requestsPerSecond: window.requests / (window.wallMs / 1000),
  }
}

/**
 * Starts every target's server at once (an idle server costs no CPU), then measures in
 * `config.runs` rounds: each round gives every live target one slice of each scenario, in an
 * order that rotates from round to round. A slow drift of the shared machine (another tenant,
 * a clock change) then lands on every target alike instead of on whichever ran during it.
 */
export async function runHttp(
  config: BenchConfig,
  progress: (line: string) => void,
): Promise<HttpResult[]> {
  const targets = selectTargets(config.targetFilter)
  const runs = new Map<string, HttpRun[]>()
  const errors = new Map<string, string>()
  const live: LiveTarget[] = []
  const fail = async (target: HttpTarget, error: unknown) => {
    errors.set(target.id, describeError(error))
    progress(`FAILED ${target.id}: ${describeError(error)}`)
    const index = live.findIndex((entry) => entry.target === target)
    if (index !== -1) await live.splice(index, 1)[0]!.server.close()
  }
  try {
    for (const target of targets) {
      try {
        live.push(await startTarget(target, config))
      } catch (error) {
        await fail(target, error)
      }
    }
    for (let round = 1; round <= config.runs; round++) {
      const shift = (round - 1) % Math.max(live.length, 1)
      const order = [...live.slice(shift), ...live.slice(0, shift)]
      for (const entry of order) {
        const { target } = entry
        // Alternate which scenario goes first as well.
        const own = scenariosOf(target)
        const scenarios = round % 2 === 1 ? own : [...own].reverse()
        try {
          for (const scenario of scenarios) {
            const run = await measureSlice(entry, scenario, config)
            const key = `${target.id}/${scenario}`
            runs.set(key, [...(runs.get(key) ?? []), run])
            progress(
              `round ${round}/${config.runs} ${target.id.padEnd(22)} ${scenario.padEnd(5)} ` +
                `${run.microsPerRequest.toFixed(1).padStart(6)} µs/req  ${Math.round(run.requestsPerSecond)} req/s`,
            )
          }
        } catch (error) {
          await fail(target, error)
        }
      }
    }
  } finally {
    await Promise.all(live.map((entry) => entry.server.close()))
  }

  const results: HttpResult[] = []
  const medianOf = (id: string | undefined, scenario: Scenario) => {
    const list = id === undefined || errors.has(id) ? undefined : runs.get(`${id}/${scenario}`)
    return list === undefined ? undefined : median(list.map((run) => run.microsPerRequest))
  }
  const sessionOf = (id: string | undefined, scenario: Scenario) => {
    const target = targets.find((t) => t.id === id)
    const total = medianOf(id, scenario)
    const floor = medianOf(target?.baseline, scenario)
    return total === undefined || floor === undefined ? undefined : total - floor
  }
  for (const scenario of SCENARIOS) {
    for (const target of targets) {
      if (!scenariosOf(target).includes(scenario)) continue
      const list = errors.has(target.id) ? [] : (runs.get(`${target.id}/${scenario}`) ?? [])
      const sessionMicros =
        target.baseline === undefined ? undefined : sessionOf(target.id, scenario)
      let compare: HttpResult['compare']
      if (target.compare !== undefined) {
        const theirs = sessionOf(target.compare.anchor, scenario)
        // A session cost at or below zero is noise, not a cost to divide by.
        const ratio =
          sessionMicros === undefined || theirs === undefined || theirs <= 0
            ? undefined
            : sessionMicros / theirs
        // The issue's goals are for one session per user; the contended row is information.
        const goal = scenario === 'contended' ? undefined : target.compare.target
        compare = {
          anchor: target.compare.anchor,
          ratio,
          target: goal,
          met: meetsTarget(goal, ratio),
        }
      }
      results.push({
        id: target.id,
        label: target.label,
        scenario,
        microsPerRequest: medianOf(target.id, scenario),
        sessionMicros,
        requestsPerSecond:
          list.length === 0 ? undefined : median(list.map((run) => run.requestsPerSecond)),
        baseline: target.baseline,
        compare,
        runs: list,
        error: errors.get(target.id),
      })
    }
  }
  return results
}
