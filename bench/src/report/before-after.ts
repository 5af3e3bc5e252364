import type { AfterRevision, BeforeRevision } from '../before/before-revision.js'
import type { HttpResult } from '../http/run-http.js'
import type { MicroResult } from '../micro/run-micro.js'
import { formatCount, formatMicros, formatRatio } from './format-number.js'
import { formatTable } from './format-table.js'
import { mark } from './ratio-target.js'
import { REGRESSION_LIMIT } from './regression.js'

/** What `BENCH_BEFORE` compared: the revision, and the working tree it was compared with. */
export interface BeforeAfter {
  readonly before: BeforeRevision
  readonly after: AfterRevision
}

interface Row {
  readonly label: string
  readonly unit: string
  readonly before: string
  readonly after: string
  readonly ratio: number | undefined
  readonly regressed: boolean | undefined
}

function microRows(micro: readonly MicroResult[]): Row[] {
  return micro.flatMap((result) =>
    result.before === undefined
      ? []
      : [
          {
            label: result.label,
            unit: 'ops/s',
            before: result.before.ops === undefined ? 'n/a' : formatCount(result.before.ops),
            after: formatCount(result.crumbsOps),
            ratio: result.before.ratio,
            regressed: result.before.regressed,
          },
        ],
  )
}

function httpRows(http: readonly HttpResult[]): Row[] {
  return http.flatMap((result) =>
    result.before === undefined
      ? []
      : [
          {
            label: `${result.label}, ${result.scenario}`,
            unit: 'session µs/req',
            before: formatMicros(result.before.sessionMicros),
            after: result.error === undefined ? formatMicros(result.sessionMicros) : 'FAILED',
            ratio: result.before.ratio,
            regressed: result.before.regressed,
          },
        ],
  )
}

/**
 * The summary's "before → after" section: which revision `before` was, then one row per crumbs
 * micro pair and per crumbs HTTP target and scenario, with the median of the within-round
 * after/before cost ratios and a ✗ above {@link REGRESSION_LIMIT}.
 */
export function beforeAfterSummary(
  context: BeforeAfter,
  micro: readonly MicroResult[],
  http: readonly HttpResult[],
): string {
  const { before, after } = context
  const rows = [...microRows(micro), ...httpRows(http)]
  const judged = rows.filter((row) => row.regressed !== undefined)
  const regressed = rows.filter((row) => row.regressed === true)
  const unjudged = rows.length - judged.length
  const table = formatTable(
    [
      { title: 'benchmark' },
      { title: 'unit' },
      { title: 'before', align: 'right' },
      { title: 'after', align: 'right' },
      { title: 'after/before', align: 'right' },
      { title: '' },
    ],
    rows.map((row) => [
      row.label,
      row.unit,
      row.before,
      row.after,
      formatRatio(row.ratio),
      row.regressed === undefined ? (row.ratio === undefined ? '' : 'info') : mark(!row.regressed),
    ]),
  )
  const limit = Math.round((REGRESSION_LIMIT - 1) * 100)
  return [
    '### Before → after',
    '',
    `before = \`${before.short}\` ${before.subject} (\`BENCH_BEFORE=${before.ref}\`); after = the ` +
      `working tree on \`${after.head}\`` +
      `${after.dirty ? ', with uncommitted changes in packages/core or packages/server' : ''}.`,
    '',
    'after/before is a cost ratio (time per operation, session µs per request), taken within ' +
      'each round or slice where both ran at the same time, then the median: above 1× is ' +
      `slower, above ${REGRESSION_LIMIT}× a regression (✗). The Web Crypto rows are information: ` +
      'their time is mostly the libuv pool, which swings too much for a 10 % rule.',
    '',
    table,
    '',
    `${judged.length - regressed.length} of ${judged.length} within ${limit} %` +
      `${unjudged === 0 ? '' : ` (${unjudged} more for information or without a ratio)`}` +
      `${regressed.length === 0 ? '.' : `; regressed: ${regressed.map((row) => row.label).join('; ')}.`}`,
    ...micro.flatMap((result) =>
      result.before?.error === undefined
        ? []
        : [`- before side of ${result.label} not timed: ${result.before.error}`],
    ),
  ].join('\n')
}
