// After tsup: each entry's declarations (express.d.ts, stores/redis.d.cts, …) import the root
// entry's, so `declare module '@crumbs/server' { interface SessionData { … } }` finds its target
// in an app that imports only '@crumbs/server/express': TypeScript resolves an augmentation's
// module only among the files already in the program (else TS2664). The consumer test proves it.
import { readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'

const packageDir = path.resolve(import.meta.dirname, '..')
const manifest = JSON.parse(await readFile(path.join(packageDir, 'package.json'), 'utf8'))
let linked = 0
for (const [subpath, conditions] of Object.entries(manifest.exports)) {
  if (subpath === '.' || typeof conditions !== 'object') continue
  for (const [format, root] of [
    ['import', './dist/index.d.ts'],
    ['require', './dist/index.d.cts'],
  ]) {
    const file = path.join(packageDir, conditions[format].types)
    let specifier = path.relative(path.dirname(file), path.join(packageDir, root))
    specifier = `${specifier.startsWith('.') ? '' : './'}${specifier.replace(/\.d\.(c?)ts$/, '.$1js')}`
    const line = `import '${specifier}';\n`
    const text = await readFile(file, 'utf8')
    if (text.startsWith(line)) continue
    await writeFile(file, line + text)
    linked++
  }
}
console.log(`linked ${linked} entry declaration files to the root entry's`)
