import { formatCount, formatMicros, formatRatio } from '../report/format-number.js'
import { formatTable } from '../report/format-table.js'
import { describeTarget, mark } from '../report/ratio-target.js'
import { REGRESSION_LIMIT } from '../report/regression.js'
import type { HttpResult, Scenario } from './run-http.js'

// The whole reason is in the summary; the row keeps enough to see what went wrong.
const REASON_CHARS = 72
const shorten = (reason: string) =>
  reason.length <= REASON_CHARS ? reason : `${reason.slice(0, REASON_CHARS - 1)}…`

/** The after/before cell of a crumbs target: its ratio to its before twin, ✓ or ✗. */
const beforeCell = (result: HttpResult): string =>
  result.before === undefined
    ? ''
    : `${formatRatio(result.before.ratio)} ${mark(
        result.before.regressed === undefined ? undefined : !result.before.regressed,
      )}`.trim()

/**
 * Section 2 for one scenario: server CPU per request, the session's share of it (minus the bare
 * framework), and for crumbs the ratio of session costs against its anchor. With `BENCH_BEFORE`
 * a last column gives each crumbs target's session cost ÷ its before twin's.
 */
export function httpTable(results: readonly HttpResult[], scenario: Scenario): string {
  const rows = results.filter((result) => result.scenario === scenario)
  const withBefore = rows.some((result) => result.before !== undefined)
  return formatTable(
    [
      { title: 'server' },
      { title: 'CPU µs/req', align: 'right' },
      { title: 'session µs/req', align: 'right' },
      { title: 'req/s', align: 'right' },
      { title: 'vs anchor' },
      { title: 'crumbs/anchor', align: 'right' },
      { title: 'target' },
      { title: '' },
      ...(withBefore
        ? [{ title: `after/before (≤ ${REGRESSION_LIMIT}×)`, align: 'right' as const }]
        : []),
    ],
    rows.map((result) => {
      if (result.error !== undefined) {
        return [result.label, 'FAILED', '', '', '', '', '', `✗ ${shorten(result.error)}`]
      }
      return [
        result.label,
        formatMicros(result.microsPerRequest),
        result.baseline === undefined ? '(floor)' : formatMicros(result.sessionMicros),
        result.requestsPerSecond === undefined ? '' : formatCount(result.requestsPerSecond),
        result.compare?.anchor ?? '',
        result.compare === undefined ? '' : formatRatio(result.compare.ratio),
        result.compare === undefined ? '' : describeTarget(result.compare.target),
        mark(result.compare?.met),
        ...(withBefore ? [beforeCell(result)] : []),
      ]
    }),
  )
}
