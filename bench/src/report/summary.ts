import type { HttpResult } from '../http/run-http.js'
import type { MicroResult } from '../micro/run-micro.js'
import { type SizeResult, sizeMet, sizeSummary } from '../size/run-size.js'
import { type BeforeAfter, beforeAfterSummary } from './before-after.js'
import { formatRatio } from './format-number.js'
import { describeTarget, mark } from './ratio-target.js'

/**
 * The closing markdown: one line per issue target, with `BENCH_BEFORE` the before → after
 * table, then whatever failed.
 */
export function summary(
  micro: readonly MicroResult[],
  http: readonly HttpResult[],
  size: SizeResult | undefined,
  quick: boolean,
  beforeAfter?: BeforeAfter,
): string {
  const lines: string[] = []
  for (const result of micro) {
    if (result.target === undefined) continue
    lines.push(
      `- ${mark(result.met)} ${result.label}: ${formatRatio(result.ratio)} ${result.anchor}'s ops/s ` +
        `(target ${describeTarget(result.target)})`,
    )
  }
  for (const result of http) {
    if (result.compare === undefined || result.error !== undefined) continue
    const { anchor, ratio, target } = result.compare
    lines.push(
      target === undefined
        ? `- (info) ${result.label}, ${result.scenario}: session cost ${formatRatio(ratio)} ${anchor}'s`
        : `- ${mark(result.compare.met)} ${result.label}, ${result.scenario}: session cost ` +
            `${formatRatio(ratio)} ${anchor}'s (target ${describeTarget(target)})`,
    )
  }
  if (size !== undefined) lines.push(...sizeSummary(size))
  const checked = [
    ...micro.map((r) => r.met),
    ...http.map((r) => r.compare?.met),
    size === undefined ? undefined : sizeMet(size),
  ].filter((met) => met !== undefined)
  const met = checked.filter(Boolean).length
  const failed = [
    ...new Set(http.filter((r) => r.error !== undefined).map((r) => `${r.id}: ${r.error}`)),
  ]
  return [
    '## crumbs bench summary',
    '',
    `${met} of ${checked.length} targets met${quick ? ' (BENCH_QUICK: indicative only)' : ''}.`,
    '',
    ...lines,
    ...(beforeAfter === undefined ? [] : ['', beforeAfterSummary(beforeAfter, micro, http)]),
    ...(failed.length === 0
      ? []
      : ['', '**Not measured (failed):**', ...failed.map((f) => `- ${f}`)]),
  ].join('\n')
}
