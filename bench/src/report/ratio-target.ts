/**
 * A goal for the crumbs/anchor ratio: `at-least` for speed-ups (ops/s over ops/s), `at-most`
 * for costs (µs over µs).
 */
export interface RatioTarget {
  readonly kind: 'at-least' | 'at-most'
  /** The ratio to reach, e.g. `20` for "20× the anchor's ops/s". */
  readonly ratio: number
}

/** The goal "crumbs does at least `ratio` times the anchor's ops/s". */
export const atLeast = (ratio: number): RatioTarget => ({ kind: 'at-least', ratio })

/** The goal "crumbs costs at most `ratio` times the anchor's µs". */
export const atMost = (ratio: number): RatioTarget => ({ kind: 'at-most', ratio })

/** Whether `ratio` meets `target`; `undefined` when there is no target or no ratio. */
export function meetsTarget(
  target: RatioTarget | undefined,
  ratio: number | undefined,
): boolean | undefined {
  if (target === undefined || ratio === undefined || !Number.isFinite(ratio)) return undefined
  return target.kind === 'at-least' ? ratio >= target.ratio : ratio <= target.ratio
}

/** `≥ 20×` or `≤ 0.5×`; `—` for an informational row. */
export function describeTarget(target: RatioTarget | undefined): string {
  if (target === undefined) return '—'
  return `${target.kind === 'at-least' ? '≥' : '≤'} ${target.ratio}×`
}

/** `✓`, `✗`, or a blank for informational rows. */
export function mark(met: boolean | undefined): string {
  if (met === undefined) return ''
  return met ? '✓' : '✗'
}
