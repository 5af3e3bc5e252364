import { formatCount, formatRatio } from '../report/format-number.js'
import { formatTable } from '../report/format-table.js'
import { describeTarget, mark } from '../report/ratio-target.js'
import { REGRESSION_LIMIT } from '../report/regression.js'
import type { MicroResult } from './run-micro.js'

/** The before columns of a row: the before side's ops/s, and our time ÷ its time, ✓ or ✗. */
function beforeCells(result: MicroResult): string[] {
  const { before } = result
  if (before === undefined) return ['', '']
  if (before.ops === undefined) return ['n/a', '']
  const verdict = before.regressed === undefined ? 'info' : mark(!before.regressed)
  return [formatCount(before.ops), `${formatRatio(before.ratio)} ${verdict}`.trim()]
}

/**
 * Section 1 as a markdown table: ops/s of both sides, crumbs ÷ anchor, the goal and ✓/✗. With
 * `BENCH_BEFORE`, two more columns: the before revision's ops/s and the after/before time ratio.
 */
export function microTable(results: readonly MicroResult[]): string {
  const withBefore = results.some((result) => result.before !== undefined)
  return formatTable(
    [
      { title: 'benchmark' },
      { title: 'crumbs ops/s', align: 'right' },
      { title: 'anchor' },
      { title: 'anchor ops/s', align: 'right' },
      { title: 'crumbs/anchor', align: 'right' },
      { title: 'target' },
      { title: '' },
      ...(withBefore
        ? [
            { title: 'before ops/s', align: 'right' as const },
            { title: `after/before time (≤ ${REGRESSION_LIMIT}×)`, align: 'right' as const },
          ]
        : []),
    ],
    results.map((result) => [
      result.label,
      formatCount(result.crumbsOps),
      result.anchor,
      formatCount(result.anchorOps),
      formatRatio(result.ratio),
      result.target === undefined ? 'info' : describeTarget(result.target),
      mark(result.met),
      ...(withBefore ? beforeCells(result) : []),
    ]),
  )
}
