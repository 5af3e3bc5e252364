/** How long and how hard the bench runs, read once from the environment. */
/** The parts of `pnpm bench`, in the order they run. */
export const SECTIONS = ['micro', 'http', 'size'] as const
export type BenchSection = (typeof SECTIONS)[number]

export interface BenchConfig {
  /** Whether `BENCH_QUICK=1` asked for the ~30 s smoke run. */
  readonly quick: boolean
  /** Which sections run: any of `micro`, `http`, `size` (`BENCH_SECTIONS=micro,size`); all by default. */
  readonly sections: ReadonlySet<BenchSection>
  /** CPU time mitata spends on one micro sample set, in ms (`BENCH_MICRO_MS`). @default 150 */
  readonly microMs: number
  /** Alternating crumbs/anchor rounds per micro case; the median is kept (`BENCH_MICRO_ROUNDS`). @default 7 */
  readonly microRounds: number
  /** Requests in one measured slice: one target, one scenario, one round (`BENCH_REQUESTS`). @default 2500 */
  readonly requests: number
  /** Requests sent to each route before any window is measured, to warm the JIT (`BENCH_WARMUP`). @default 25000 */
  readonly warmup: number
  /** Concurrent keep-alive connections of the load generator (`BENCH_CONNECTIONS`). @default 10 */
  readonly connections: number
  /** Interleaved rounds: each gives every target one slice per scenario; the median is kept (`BENCH_RUNS`). @default 8 */
  readonly runs: number
  /** Only HTTP targets whose id contains one of these (`BENCH_TARGETS=iron,crumbs`); empty keeps all. */
  readonly targetFilter: readonly string[]
  /**
   * A git revision whose @crumbs/core and @crumbs/server are measured beside the working tree's
   * in the same run (`BENCH_BEFORE=main~3`); `undefined` measures the working tree alone.
   */
  readonly before: string | undefined
}

/**
 * Warm-up requests per route. V8 optimizes a function called once per request only after many
 * thousands of calls, so 2 000 measured the session layers half-compiled: see the README.
 */
const FULL = { microMs: 150, microRounds: 7, requests: 2_500, warmup: 25_000, runs: 8 }
const QUICK = { microMs: 60, microRounds: 1, requests: 1_000, warmup: 1_500, runs: 2 }

function positiveInteger(name: string, fallback: number): number {
  const raw = process.env[name]
  if (raw === undefined || raw === '') return fallback
  const value = Number(raw)
  if (!Number.isInteger(value) || value < 1) {
    throw new Error(`${name} must be a whole number above 0, got ${JSON.stringify(raw)}.`)
  }
  return value
}

function list(name: string): string[] {
  return (process.env[name] ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '')
}

/** Reads the `BENCH_*` variables; a malformed one throws before anything runs. */
export function readBenchConfig(): BenchConfig {
  const quick = process.env.BENCH_QUICK === '1' || process.env.BENCH_QUICK === 'true'
  const base = quick ? QUICK : FULL
  const sections = list('BENCH_SECTIONS')
  for (const section of sections) {
    if (!(SECTIONS as readonly string[]).includes(section)) {
      throw new Error(
        `BENCH_SECTIONS takes ${SECTIONS.join(', ')}, got ${JSON.stringify(section)}.`,
      )
    }
  }
  return Object.freeze({
    quick,
    sections: new Set(sections.length === 0 ? SECTIONS : sections) as Set<BenchSection>,
    microMs: positiveInteger('BENCH_MICRO_MS', base.microMs),
    microRounds: positiveInteger('BENCH_MICRO_ROUNDS', base.microRounds),
    requests: positiveInteger('BENCH_REQUESTS', base.requests),
    warmup: positiveInteger('BENCH_WARMUP', base.warmup),
    connections: positiveInteger('BENCH_CONNECTIONS', 10),
    runs: positiveInteger('BENCH_RUNS', base.runs),
    targetFilter: list('BENCH_TARGETS'),
    before: process.env.BENCH_BEFORE?.trim() || undefined,
  })
}
