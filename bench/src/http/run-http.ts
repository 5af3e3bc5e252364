import type { BenchConfig } from '../bench-config.js'
import { median } from '../median.js'
import { meetsTarget, type RatioTarget } from '../report/ratio-target.js'
import { type HttpTarget, selectTargets } from './http-targets.js'
import { sendLoad } from './send-load.js'
import { ROUTES } from './server-module.js'
import { type ServerProcess, spawnServer } from './spawn-server.js'
import { verifySession } from './verify-session.js'

/** `write`: the handler increments `views`; `read`: it only reads `username`. */
export type Scenario = 'write' | 'read'

/** The scenarios, in the order they run and print. */
export const SCENARIOS: readonly Scenario[] = ['write', 'read']

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

async function measureTarget(
  target: HttpTarget,
  config: BenchConfig,
  record: (scenario: Scenario, run: HttpRun) => void,
): Promise<void> {
  let server: ServerProcess | undefined
  try {
    server = await spawnServer(new URL(target.module, import.meta.url).href)
    const { origin } = server
    const cookie = await verifySession(origin, target.hasSession)
    const load = (scenario: Scenario, amount: number) =>
      sendLoad({
        origin,
        path: scenario === 'write' ? ROUTES.write : ROUTES.read,
        cookie,
        amount,
        connections: config.connections,
      })
    // Warm both routes before timing either, so neither scenario pays for the other's JIT.
    for (const scenario of SCENARIOS) await load(scenario, config.warmup)
    for (const scenario of SCENARIOS) {
      await server.start()
      await load(scenario, config.requests)
      const window = await server.stop()
      if (window.requests < config.requests) {
        throw new Error(`the server counted ${window.requests} of ${config.requests} requests`)
      }
      record(scenario, {
        microsPerRequest: (window.userMicros + window.systemMicros) / window.requests,
        requests: window.requests,
        requestsPerSecond: window.requests / (window.wallMs / 1000),
      })
    }
  } finally {
    await server?.close()
  }
}

/**
 * Loads every target in turn, `config.runs` times over (run 1 of every target, then run 2, …,
 * so background load spreads over all of them), each in a fresh server process.
 */
export async function runHttp(
  config: BenchConfig,
  progress: (line: string) => void,
): Promise<HttpResult[]> {
  const targets = selectTargets(config.targetFilter)
  const runs = new Map<string, HttpRun[]>()
  const errors = new Map<string, string>()
  for (let round = 1; round <= config.runs; round++) {
    for (const target of targets) {
      if (errors.has(target.id)) continue
      try {
        await measureTarget(target, config, (scenario, run) => {
          const key = `${target.id}/${scenario}`
          runs.set(key, [...(runs.get(key) ?? []), run])
          progress(
            `run ${round}/${config.runs} ${target.id.padEnd(22)} ${scenario.padEnd(5)} ` +
              `${run.microsPerRequest.toFixed(1).padStart(6)} µs/req  ${Math.round(run.requestsPerSecond)} req/s`,
          )
        })
      } catch (error) {
        errors.set(target.id, describeError(error))
        progress(`FAILED ${target.id}: ${describeError(error)}`)
      }
    }
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
        compare = {
          anchor: target.compare.anchor,
          ratio,
          target: target.compare.target,
          met: meetsTarget(target.compare.target, ratio),
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
