import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const NAME = '@crumbs/example'

/**
 * The apps/example folder, found upwards from `moduleUrl`, so paths hold whether the server
 * runs from source (server/) or from the build (dist/server/).
 */
export function findAppDir(moduleUrl: string): string {
  let dir = dirname(fileURLToPath(moduleUrl))
  for (;;) {
    const manifest = join(dir, 'package.json')
    if (existsSync(manifest) && JSON.parse(readFileSync(manifest, 'utf8')).name === NAME) return dir
    const parent = dirname(dir)
    if (parent === dir) throw new Error(`No package.json named ${NAME} above ${moduleUrl}`)
    dir = parent
  }
}
