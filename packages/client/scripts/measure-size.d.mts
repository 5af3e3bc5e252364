/** One measured entry, in bytes. */
export interface EntrySize {
  readonly minified: number
  readonly gzip: number
}

/** One row of the table. */
export interface SizeRow extends EntrySize {
  readonly name: string
}

/** What {@link measureSizes} returns (and `--json` prints). */
export interface SizeReport {
  readonly rows: readonly SizeRow[]
  readonly breakdown: readonly SizeRow[]
  /** `@crumbs/client/react` entries, React left out. */
  readonly react: readonly SizeRow[]
  readonly budget: { readonly overJsCookie: number; readonly limit: number }
  readonly ours: number
  readonly overJsCookie: number
}

export const BUDGET_OVER_JS_COOKIE: number
export const ENTRIES: Readonly<Record<string, string>>
export const BREAKDOWN: Readonly<Record<string, string>>
export function readmeExample(): string
export const REACT_ENTRIES: Readonly<Record<string, string>>
export function measureEntry(source: string): Promise<EntrySize>
export function measureSizes(): Promise<SizeReport>
export function formatTable(report: SizeReport): string
