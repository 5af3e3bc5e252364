import { measure } from 'mitata'
import type { BenchConfig } from '../bench-config.js'
import { median } from '../median.js'
import { meetsTarget, type RatioTarget } from '../report/ratio-target.js'
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
 * Times every pair in alternating rounds (crumbs first, then the anchor first, …) after one
 * discarded warm-up round, and keeps the median of each side, so neither lazy set-up nor a burst
 * of background load favours one side.
 */
export async function runMicro(
  config: BenchConfig,
  onResult: (result: MicroResult) => void,
): Promise<MicroResult[]> {
  const results: MicroResult[] = []
  for (const pair of await microCases()) {
    const crumbsNs: number[] = []
    const anchorNs: number[] = []
    // A discarded round first: lazy set-up (Web Crypto's first use, key imports, JIT tiers)
    // would otherwise land in whichever side is timed first.
    await nsPerOp(pair.crumbs, config)
    await nsPerOp(pair.anchorFn, config)
    for (let round = 0; round < config.microRounds; round++) {
      if (round % 2 === 0) {
        crumbsNs.push(await nsPerOp(pair.crumbs, config))
        anchorNs.push(await nsPerOp(pair.anchorFn, config))
      } else {
        anchorNs.push(await nsPerOp(pair.anchorFn, config))
        crumbsNs.push(await nsPerOp(pair.crumbs, config))
      }
    }
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
    }
    results.push(result)
    onResult(result)
  }
  return results
}
