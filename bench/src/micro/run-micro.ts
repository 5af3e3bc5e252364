import { measure } from 'mitata'
import { importBeforeCore } from '../before/import-before-core.js'
import type { BenchConfig } from '../bench-config.js'
import { median } from '../median.js'
import { pairedRatio } from '../paired-ratio.js'
import { meetsTarget, type RatioTarget } from '../report/ratio-target.js'
import { isRegression } from '../report/regression.js'
import { type MicroCase, microCases } from './micro-cases.js'

/** The measured outcome of one {@link MicroCase}. */
export interface MicroResult {
  readonly id: string
  readonly label: string
  readonly build: 'node' | 'web'
  readonly anchor: string
  /** Median over the rounds, in operations per second. */
  readonly crumbsOps: number
  readonly anchorOps: number
  /** `crumbsOps / anchorOps`: above 1 means crumbs is faster. */
  readonly ratio: number
  readonly target: RatioTarget | undefined
  readonly met: boolean | undefined
  /** Mean ns per operation of each round, for the JSON record. */
  readonly rounds: { readonly crumbsNs: number[]; readonly anchorNs: number[] }
  /**
   * With `BENCH_BEFORE`: the crumbs side on the before revision's core, timed in the same rounds
   * (crumbs, before, anchor, then the other way round).
   */
  readonly before:
    | {
        /** Median over the rounds, in operations per second; `undefined` when not timed. */
        readonly ops: number | undefined
        /** Our ns/op ÷ the before side's, per round, then the median: above 1 is slower. */
        readonly ratio: number | undefined
        readonly ratios: readonly number[]
        /** Mean ns per operation of each round. */
        readonly ns: readonly number[]
        /** Whether the ratio is above `REGRESSION_LIMIT`; `undefined` for the Web Crypto rows. */
        readonly regressed: boolean | undefined
        /** Why the before side was not timed (its check failed, its core lacks the case). */
        readonly error: string | undefined
      }
    | undefined
}

/**
 * This process's CPU time (every thread: GC, the libuv pool that runs Web Crypto), in ns at µs
 * resolution. Timing with it rather than the wall clock keeps other work on a shared machine out
 * of the numbers; mitata batches fast functions, so each sample spans many µs.
 */
const cpuClock = (): number => {
  const { user, system } = process.cpuUsage()
  return (user + system) * 1e3
}

async function nsPerOp(fn: () => unknown, config: BenchConfig): Promise<number> {
  const stats = await measure(fn, { min_cpu_time: config.microMs * 1e6, now: cpuClock })
  return stats.avg
}

/**
 * This module's cases once more, as a module instance of their own (another URL): the before
 * side's functions then come from other function literals than ours, so V8 keeps their type
 * feedback apart, and no call site inside our side turns polymorphic because of the other core.
 */
const separateCases = async () =>
  (await import(
    new URL('./micro-cases.js?before', import.meta.url).href
  )) as typeof import('./micro-cases.js')

/**
 * Times every pair in alternating rounds (crumbs first, then the anchor first, …) after one
 * discarded warm-up round, and keeps the median of each side, so neither lazy set-up nor a burst
 * of background load favours one side. With a before-build (its `resolveFrom`), the crumbs side
 * on that build's core is timed between the two in every round, so the order still alternates.
 */
export async function runMicro(
  config: BenchConfig,
  onResult: (result: MicroResult) => void,
  before?: { readonly resolveFrom: string },
): Promise<MicroResult[]> {
  const results: MicroResult[] = []
  const pairs = await microCases()
  let beforeSides: Map<string, (() => unknown) | Error> | undefined
  if (before !== undefined) {
    const core = await importBeforeCore(before.resolveFrom)
    beforeSides = await (await separateCases()).crumbsSides(
      pairs.map((pair) => pair.id),
      core.node,
      core.web,
    )
  }
  for (const pair of pairs) {
    const side = beforeSides?.get(pair.id)
    const beforeFn = typeof side === 'function' ? side : undefined
    // crumbs, [before,] anchor: timed in this order in even rounds, backwards in odd ones.
    const sides = [pair.crumbs, ...(beforeFn === undefined ? [] : [beforeFn]), pair.anchorFn]
    const ns = sides.map((): number[] => [])
    // A discarded round first: lazy set-up (Web Crypto's first use, key imports, JIT tiers)
    // would otherwise land in whichever side is timed first.
    for (const fn of sides) await nsPerOp(fn, config)
    for (let round = 0; round < config.microRounds; round++) {
      const order = sides.map((_, index) => index)
      if (round % 2 === 1) order.reverse()
      for (const index of order) ns[index]!.push(await nsPerOp(sides[index]!, config))
    }
    const crumbsNs = ns[0]!
    const anchorNs = ns[ns.length - 1]!
    const beforeNs = beforeFn === undefined ? undefined : ns[1]!
    const crumbsOps = 1e9 / median(crumbsNs)
    const anchorOps = 1e9 / median(anchorNs)
    const ratio = crumbsOps / anchorOps
    const result: MicroResult = {
      id: pair.id,
      label: pair.label,
      build: pair.build,
      anchor: pair.anchor,
      crumbsOps,
      anchorOps,
      ratio,
      target: pair.target,
      met: meetsTarget(pair.target, ratio),
      rounds: { crumbsNs, anchorNs },
      before: side === undefined ? undefined : beforeSide(pair, crumbsNs, beforeNs, side),
    }
    results.push(result)
    onResult(result)
  }
  return results
}

/**
 * The before side of a result: timed (`beforeNs`), or the reason it was not. The Web Crypto rows
 * are judged by no rule: their time is mostly the libuv pool's, which swings by 2× from round to
 * round on a shared machine, so their ratio is shown for information only.
 */
function beforeSide(
  pair: MicroCase,
  crumbsNs: readonly number[],
  beforeNs: readonly number[] | undefined,
  side: (() => unknown) | Error,
): MicroResult['before'] {
  if (beforeNs === undefined) {
    const reason = side instanceof Error ? side : new Error('not timed')
    const cause = reason.cause instanceof Error ? `: ${reason.cause.message.split('\n')[0]}` : ''
    return {
      ops: undefined,
      ratio: undefined,
      ratios: [],
      ns: [],
      regressed: undefined,
      error: `${reason.message}${cause}`,
    }
  }
  const { ratio, rounds } = pairedRatio(crumbsNs.map((ours, round) => [ours, beforeNs[round]!]))
  return {
    ops: 1e9 / median(beforeNs),
    ratio,
    ratios: rounds,
    ns: beforeNs,
    regressed: pair.build === 'web' ? undefined : isRegression(ratio),
    error: undefined,
  }
}
