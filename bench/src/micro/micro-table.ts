import { formatCount, formatRatio } from '../report/format-number.js'
import { formatTable } from '../report/format-table.js'
import { describeTarget, mark } from '../report/ratio-target.js'
import type { MicroResult } from './run-micro.js'

/** Section 1 as a markdown table: ops/s of both sides, crumbs ÷ anchor, the goal and ✓/✗. */
export function microTable(results: readonly MicroResult[]): string {
  return formatTable(
    [
      { title: 'benchmark' },
      { title: 'crumbs ops/s', align: 'right' },
      { title: 'anchor' },
      { title: 'anchor ops/s', align: 'right' },
      { title: 'crumbs/anchor', align: 'right' },
      { title: 'target' },
      { title: '' },
    ],
    results.map((result) => [
      result.label,
      formatCount(result.crumbsOps),
      result.anchor,
      formatCount(result.anchorOps),
      formatRatio(result.ratio),
      result.target === undefined ? 'info' : describeTarget(result.target),
      mark(result.met),
    ]),
  )
}
