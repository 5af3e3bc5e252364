import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { formatTable } from '../report/format-table.js'

/** @crumbs/client's own measurement script: it bundles every entry the same way, in one run. */
const SCRIPT = fileURLToPath(
  new URL('../../../packages/client/scripts/measure-size.mjs', import.meta.url),
)

interface SizeRow {
  readonly name: string
  readonly minified: number
  readonly gzip: number
}

/** What the script prints with `--json`. */
export interface SizeResult {
  readonly rows: readonly SizeRow[]
  readonly breakdown: readonly SizeRow[]
  /** `@crumbs/client/react` entries, the hook and its share of the client, React left out. */
  readonly react: readonly SizeRow[]
  readonly budget: { readonly overJsCookie: number; readonly limit: number }
  readonly ours: number
  readonly overJsCookie: number
}

/**
 * Bundles a get+set+remove entry of @crumbs/client, js-cookie, universal-cookie and
 * typescript-cookie, and the `@crumbs/client/react` hook with React external (esbuild,
 * minified, gzip -9), in a child process, so the bench needs none of those packages itself.
 * @crumbs/client must be built (`pnpm bench` builds it first).
 */
export async function runSize(): Promise<SizeResult> {
  const { stdout } = await promisify(execFile)(process.execPath, [SCRIPT, '--json'], {
    maxBuffer: 1 << 20,
  })
  return JSON.parse(stdout) as SizeResult
}

/** Whether the client entry is within its budget over js-cookie. */
export const sizeMet = (result: SizeResult): boolean => result.ours <= result.budget.limit

/** The sizes as a table, each beside js-cookie's. */
export function sizeTable(result: SizeResult): string {
  const jsCookie = result.rows.find((row) => row.name === 'js-cookie')!.gzip
  const row = (entry: SizeRow, label = entry.name): string[] => [
    label,
    String(entry.minified),
    String(entry.gzip),
    `${entry.gzip - jsCookie >= 0 ? '+' : ''}${entry.gzip - jsCookie}`,
  ]
  return formatTable(
    [
      { title: 'get+set+remove entry' },
      { title: 'minified B', align: 'right' },
      { title: 'min+gzip -9 B', align: 'right' },
      { title: 'vs js-cookie B', align: 'right' },
    ],
    [
      ...result.rows.map((entry) => row(entry)),
      ...result.breakdown.map((entry) => row(entry, `(not budgeted) ${entry.name}`)),
      ...result.react.map((entry) => row(entry, `(not budgeted) ${entry.name}, React external`)),
    ],
  )
}

/** The summary lines: the budget, then each React entry for information. */
export function sizeSummary(result: SizeResult): string[] {
  return [
    `- ${sizeMet(result) ? '✓' : '✗'} @crumbs/client get+set+remove: ${result.ours} B gzip, ` +
      `${result.overJsCookie} B over js-cookie (target ≤ +${result.budget.overJsCookie} B)`,
    ...result.react.map(
      (entry) => `- (info) ${entry.name}: ${entry.gzip} B gzip, React external (not budgeted)`,
    ),
  ]
}
