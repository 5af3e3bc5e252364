import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const root = fileURLToPath(new URL('../../../', import.meta.url))
const text = readFileSync(`${root}SECURITY.md`, 'utf8')

interface Row {
  readonly id: string
  readonly statement: string
  readonly proofs: readonly { readonly name: string; readonly file: string }[]
}

/** The checklist's rows: `| id | statement | [`test name`](file)<br>… |`. */
function checklist(): Row[] {
  const section = text.slice(text.indexOf('## The checklist'))
  return section
    .split('\n')
    .filter((line) => /^\| [A-Z]{2}-\d+ \|/.test(line))
    .map((line) => {
      const [id = '', statement = '', proven = ''] = line
        .replace(/^\| | \|$/g, '')
        .split(' | ')
        .map((cell) => cell.trim())
      const proofs = [...proven.matchAll(/\[`([^`]+)`\]\(([^)]+)\)/g)].map(([, name, file]) => ({
        name: name!,
        file: file!,
      }))
      return { id, statement, proofs }
    })
}

describe('SECURITY.md', () => {
  const rows = checklist()

  it('lists the checklist with unique ids, each statement with at least one proof', () => {
    expect(rows.length).toBeGreaterThanOrEqual(31)
    expect(new Set(rows.map((row) => row.id)).size).toBe(rows.length)
    for (const row of rows) {
      expect([row.id, row.statement.length > 20]).toEqual([row.id, true])
      expect([row.id, row.proofs.length > 0]).toEqual([row.id, true])
    }
  })

  it('names test files that exist and hold each named test', () => {
    const missing: string[] = []
    for (const row of rows) {
      for (const { name, file } of row.proofs) {
        const path = `${root}${file}`
        if (!existsSync(path)) {
          missing.push(`${row.id}: no file ${file}`)
          continue
        }
        const source = readFileSync(path, 'utf8')
        // The name as the test spells it, inside the quotes of its it() or test() call.
        if (!/\.(test|spec)\.tsx?$|\/test\/stores\//.test(file)) {
          missing.push(`${row.id}: ${file} is not a test file`)
        } else if (!source.includes(name)) {
          missing.push(`${row.id}: ${file} has no test "${name}"`)
        }
      }
    }
    expect(missing).toEqual([])
  })

  it('says how to report a vulnerability privately, and what is supported and in scope', () => {
    for (const heading of ['## Reporting a vulnerability', '## Supported versions', '## Scope']) {
      expect(text).toContain(heading)
    }
  })
})
