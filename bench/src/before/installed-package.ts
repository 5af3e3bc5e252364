import { existsSync, realpathSync } from 'node:fs'
import { join } from 'node:path'
import { REPO_ROOT } from './before-revision.js'

/**
 * Where the working tree's install has package `name` for workspace package `packages/<dir>`:
 * that package's own `node_modules` first (the version it declares), then pnpm's hidden
 * hoisting directory, which holds every installed package once. The real path, so a link to it
 * does not depend on where the link lives; `undefined` when neither has it.
 */
export function installedPackage(name: string, dir: string): string | undefined {
  const candidates = [
    join(REPO_ROOT, 'packages', dir, 'node_modules', name),
    join(REPO_ROOT, 'node_modules', '.pnpm', 'node_modules', name),
  ]
  const found = candidates.find((candidate) => existsSync(join(candidate, 'package.json')))
  return found === undefined ? undefined : realpathSync(found)
}
