/** Column alignment in {@link formatTable}. */
export type Align = 'left' | 'right'

/** One column of {@link formatTable}. */
export interface Column {
  readonly title: string
  /** @default 'left' */
  readonly align?: Align
}

// Code points, not UTF-16 units, so `µ`, `×` and `✓` pad like one character each.
const width = (text: string) => [...text].length

function pad(text: string, size: number, align: Align): string {
  const fill = ' '.repeat(Math.max(0, size - width(text)))
  return align === 'right' ? fill + text : text + fill
}

/**
 * A GitHub-flavoured markdown table with padded columns, so it reads in a terminal and pastes
 * into an issue unchanged.
 */
export function formatTable(
  columns: readonly Column[],
  rows: readonly (readonly string[])[],
): string {
  const sizes = columns.map((column, index) =>
    Math.max(3, width(column.title), ...rows.map((row) => width(row[index] ?? ''))),
  )
  const line = (cells: readonly string[]) =>
    `| ${columns.map((column, index) => pad(cells[index] ?? '', sizes[index]!, column.align ?? 'left')).join(' | ')} |`
  const rule = `| ${columns
    .map((column, index) => {
      const dashes = '-'.repeat(sizes[index]!)
      return column.align === 'right' ? `${dashes.slice(1)}:` : dashes
    })
    .join(' | ')} |`
  return [line(columns.map((column) => column.title)), rule, ...rows.map(line)].join('\n')
}
