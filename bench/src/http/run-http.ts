import type { BeforeBuild } from '../before/prepare-before.js'
import type { BenchConfig } from '../bench-config.js'
import { median } from '../median.js'
import { pairedRatio } from '../paired-ratio.js'
import { meetsTarget, type RatioTarget } from '../report/ratio-target.js'
import { isRegression } from '../report/regression.js'
import { type ComparisonGroup, comparisonGroups } from './comparison-groups.js'
import { type HttpTarget, selectTargets, twinId, withBeforeTwins } from './http-targets.js'
import {
  type HttpRun,
  type LiveTarget,
  measureTogether,
  SCENARIOS,
  type Scenario,
  scenariosOf,
  startTarget,
} from './live-target.js'

export type { HttpRun, Scenario } from './live-target.js'
export { SCENARIOS } from './live-target.js'

/** A target's outcome in one scenario, over every run. */
export interface HttpResult {
  readonly id: string
  readonly label: string
  readonly scenario: Scenario
  /** Median server CPU per request over all its slices, in µs; `undefined` when it failed. */
  readonly microsPerRequest: number | undefined
  /**
   * What the session itself costs, in µs/request: the median, over the slices it shared with
   * its bare framework, of its CPU per request minus the framework's.
   */
  readonly sessionMicros: number | undefined
  readonly requestsPerSecond: number | undefined
  readonly baseline: string | undefined
  /** For crumbs: our session cost ÷ the anchor's (lower is better). */
  readonly compare:
    | {
        readonly anchor: string
        /** The median of the per-round ratios. */
        readonly ratio: number | undefined
        /** Each round's ratio, both session costs taken from the same slice. */
        readonly rounds: readonly number[]
        /** `undefined` for an informational comparison. */
        readonly target: RatioTarget | undefined
        readonly met: boolean | undefined
      }
    | undefined
  /**
   * With `BENCH_BEFORE`, for a crumbs target: its before twin, measured in the same slices. Every
   * ratio is this target's session cost ÷ the twin's within one slice; above 1 is slower.
   */
  readonly before:
    | {
        /** The twin's id (`<id>@before`). */
        readonly id: string
        /** The twin's session µs/request: the median over its slices. */
        readonly sessionMicros: number | undefined
        /** The median of the per-round ratios. */
        readonly ratio: number | undefined
        readonly rounds: readonly number[]
        /** Whether the ratio is above `REGRESSION_LIMIT`. */
        readonly regressed: boolean | undefined
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

/** One slice of one group: each member's run, by member id. */
type GroupSlice = ReadonlyMap<string, HttpRun>

/** The scenarios every member of `group` runs. */
const groupScenarios = (group: ComparisonGroup, byId: ReadonlyMap<string, HttpTarget>) =>
  SCENARIOS.filter((scenario) =>
    group.members.every((id) => scenariosOf(byId.get(id)!).includes(scenario)),
  )

/**
 * Starts every target's server (an idle server costs no CPU), then measures in `config.runs`
 * rounds. A round gives each comparison group (a crumbs target, its anchor, their bare
 * framework) one slice per scenario in which all of them are loaded at the same time, on the
 * same CPU; the group order rotates and the scenario order alternates from round to round.
 * This machine's speed wanders by tens of percent from second to second, so session costs and
 * ratios are taken within a slice, where every member saw the same machine, and their medians
 * over the rounds are kept. With a `before` build, each crumbs target has a before twin in its
 * group: the same server on the before revision's `@crumbs/*`.
 */
export async function runHttp(
  config: BenchConfig,
  progress: (line: string) => void,
  before?: Pick<BeforeBuild, 'short' | 'resolveFrom'>,
): Promise<HttpResult[]> {
  const selected = selectTargets(config.targetFilter)
  const targets = before === undefined ? selected : withBeforeTwins(selected, before.short)
  const byId = new Map(targets.map((target) => [target.id, target]))
  const groups = comparisonGroups(targets)
  /** Every slice of every group, by `group/scenario`. */
  const slices = new Map<string, GroupSlice[]>()
  const errors = new Map<string, string>()
  const live = new Map<string, LiveTarget>()
  const fail = async (id: string, error: unknown) => {
    if (errors.has(id)) return
    errors.set(id, describeError(error))
    progress(`FAILED ${id}: ${describeError(error)}`)
    const entry = live.get(id)
    live.delete(id)
    await entry?.server.close()
  }
  try {
    for (const target of targets) {
      try {
        live.set(target.id, await startTarget(target, config, before?.resolveFrom))
      } catch (error) {
        await fail(target.id, error)
      }
    }
    for (let round = 1; round <= config.runs; round++) {
      const shift = (round - 1) % Math.max(groups.length, 1)
      for (const group of [...groups.slice(shift), ...groups.slice(0, shift)]) {
        const members = group.members.filter((id) => live.has(id))
        if (members.length === 0) continue
        if (round % 2 === 0) swapWithTwin(members, byId)
        const own = groupScenarios(group, byId)
        for (const scenario of round % 2 === 1 ? own : [...own].reverse()) {
          const outcomes = await measureTogether(
            members.map((id) => live.get(id)!),
            scenario,
            config,
          )
          const slice = new Map<string, HttpRun>()
          for (const [index, outcome] of outcomes.entries()) {
            if (outcome instanceof Error) await fail(members[index]!, outcome)
            else slice.set(members[index]!, outcome)
          }
          const key = `${group.id}/${scenario}`
          slices.set(key, [...(slices.get(key) ?? []), slice])
          progress(
            `round ${round}/${config.runs} ${group.id.padEnd(22)} ${scenario.padEnd(9)} ` +
              [...slice].map(([id, run]) => `${id} ${run.microsPerRequest.toFixed(0)}`).join(' · '),
          )
        }
      }
    }
  } finally {
    await Promise.all([...live.values()].map((entry) => entry.server.close()))
  }
  return results(targets, groups, slices, errors)
}

/**
 * Swaps a crumbs target and its before twin in `members` (in place), done every other round so
 * that neither is always the first of the two to be started, loaded and stopped.
 */
function swapWithTwin(members: string[], byId: ReadonlyMap<string, HttpTarget>): void {
  const twin = members.findIndex((id) => byId.get(id)?.twinOf !== undefined)
  if (twin === -1) return
  const target = members.indexOf(byId.get(members[twin]!)!.twinOf!)
  if (target === -1) return
  ;[members[target], members[twin]] = [members[twin]!, members[target]!]
}

function results(
  targets: readonly HttpTarget[],
  groups: readonly ComparisonGroup[],
  slices: ReadonlyMap<string, GroupSlice[]>,
  errors: ReadonlyMap<string, string>,
): HttpResult[] {
  /** Every slice in which `id` ran `scenario`, from whichever groups it belongs to. */
  const slicesWith = (id: string, scenario: Scenario): GroupSlice[] =>
    groups
      .filter((group) => group.members.includes(id))
      .flatMap((group) => slices.get(`${group.id}/${scenario}`) ?? [])
      .filter((slice) => slice.has(id))
  /** `id`'s CPU per request minus its floor's within one slice that has both. */
  const cost = (slice: GroupSlice, id: string, floor: string): number =>
    slice.get(id)!.microsPerRequest - slice.get(floor)!.microsPerRequest
  /** {@link cost} for each slice that has both. */
  const sessionCosts = (own: readonly GroupSlice[], id: string, floor: string): number[] =>
    own.filter((s) => s.has(id) && s.has(floor)).map((s) => cost(s, id, floor))
  /** `id`'s session cost and `other`'s, per slice of `own` that has both and their floor. */
  const costPairs = (own: readonly GroupSlice[], id: string, other: string, floor: string) =>
    own
      .filter((s) => s.has(id) && s.has(other) && s.has(floor))
      .map((s) => [cost(s, id, floor), cost(s, other, floor)] as const)
  const byId = new Map(targets.map((target) => [target.id, target]))
  const medianCost = (id: string, scenario: Scenario, floor: string): number | undefined => {
    const costs = errors.has(id) ? [] : sessionCosts(slicesWith(id, scenario), id, floor)
    return costs.length === 0 ? undefined : median(costs)
  }

  const out: HttpResult[] = []
  for (const scenario of SCENARIOS) {
    for (const target of targets) {
      if (!scenariosOf(target).includes(scenario)) continue
      const failed = errors.has(target.id)
      const own = failed ? [] : slicesWith(target.id, scenario)
      const runs = own.map((slice) => slice.get(target.id)!)
      const floor = target.baseline
      const mine = failed ? [] : (slices.get(`${target.id}/${scenario}`) ?? [])
      let compare: HttpResult['compare']
      if (target.compare !== undefined && floor !== undefined) {
        const { anchor } = target.compare
        const { ratio, rounds } = pairedRatio(costPairs(mine, target.id, anchor, floor))
        // The issue's goals are for one session per user; the contended row is information.
        const goal = scenario === 'contended' ? undefined : target.compare.target
        compare = { anchor, ratio, rounds, target: goal, met: meetsTarget(goal, ratio) }
      }
      let before: HttpResult['before']
      const twin = twinId(target.id)
      if (byId.has(twin) && floor !== undefined) {
        const { ratio, rounds } = pairedRatio(
          errors.has(twin) ? [] : costPairs(mine, target.id, twin, floor),
        )
        const sessionMicros = medianCost(twin, scenario, floor)
        before = { id: twin, sessionMicros, ratio, rounds, regressed: isRegression(ratio) }
      }
      out.push({
        id: target.id,
        label: target.label,
        scenario,
        microsPerRequest:
          runs.length === 0 ? undefined : median(runs.map((r) => r.microsPerRequest)),
        sessionMicros: floor === undefined ? undefined : medianCost(target.id, scenario, floor),
        requestsPerSecond:
          runs.length === 0 ? undefined : median(runs.map((run) => run.requestsPerSecond)),
        baseline: target.baseline,
        compare,
        before,
        runs,
        error: errors.get(target.id),
      })
    }
  }
  return out
}
