import { existsSync } from 'node:fs'
import { lstat, mkdir, readdir, readlink, rm, symlink } from 'node:fs/promises'
import { join } from 'node:path'
import { installedPackage } from './installed-package.js'
import { isOptionalPeer, readManifest, runtimeDependencies } from './package-manifest.js'

/**
 * Links what the before-build's packages import at run time (pako, better-sqlite3, the Redis
 * clients, …) into `<root>/node_modules`, beside `@crumbs/*`, so Node's ordinary lookup from
 * their files finds them (ESM, `require` and `import()` alike). Each link points at the package
 * the working tree's install holds, and is made again on every run, because the install moves
 * when the lockfile changes. A dependency the install lacks throws; a missing optional peer is
 * only reported, since only a target that uses it would fail. Returns those reports.
 */
export async function linkRuntimeDependencies(root: string): Promise<string[]> {
  const modules = join(root, 'node_modules')
  const notes: string[] = []
  const linked = new Set<string>()
  for (const dir of await readdir(join(modules, '@crumbs'))) {
    const manifest = await readManifest(join(modules, '@crumbs', dir))
    for (const name of runtimeDependencies(manifest)) {
      if (name.startsWith('@crumbs/') || linked.has(name)) continue
      const target = installedPackage(name, dir)
      if (target === undefined) {
        if (!isOptionalPeer(manifest, name)) {
          throw new Error(
            `${manifest.name} of the before revision needs ${name}, which the working tree's ` +
              'install does not have',
          )
        }
        notes.push(`${manifest.name}: optional peer ${name} is not installed`)
        continue
      }
      linked.add(name)
      const path = join(modules, name)
      if (name.includes('/')) await mkdir(join(modules, name.split('/')[0]!), { recursive: true })
      if (await isLink(path)) {
        if ((await readlink(path)) === target) continue
        await rm(path)
      } else if (existsSync(path)) {
        await rm(path, { recursive: true })
      }
      await symlink(target, path, 'dir')
    }
  }
  return notes
}

/** Whether `path` is a symbolic link (a dangling one included). */
async function isLink(path: string): Promise<boolean> {
  try {
    return (await lstat(path)).isSymbolicLink()
  } catch {
    // Nothing there.
    return false
  }
}
