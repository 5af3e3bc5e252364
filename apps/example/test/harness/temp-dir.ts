import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach } from 'vitest'

const made: string[] = []
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true })
})

/** A fresh folder under the system's temp dir, deleted after the current test. */
export function tempDir(label = 'example'): string {
  const dir = mkdtempSync(join(tmpdir(), `crumbs-${label}-`))
  made.push(dir)
  return dir
}
