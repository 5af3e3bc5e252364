import { execFile, execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import {
  cp,
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  realpath,
  rename,
  rm,
  symlink,
  writeFile,
} from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { delimiter, join } from 'node:path'
import { promisify } from 'node:util'
import { BEFORE_PACKAGES, type BeforeRevision, git, REPO_ROOT } from './before-revision.js'
import { installedPackage } from './installed-package.js'
import { type PackageManifest, readManifest } from './package-manifest.js'

/** What a finished before-build records in `build.json`, written last. */
export interface BuildRecord {
  /** Bumped when the cache's layout changes, so an older build is made again. */
  readonly layout: number
  readonly commit: string
  readonly subject: string
  readonly builtAt: string
  readonly seconds: number
  readonly node: string
  readonly tsup: string | undefined
}

/** The cache layout {@link buildRevision} writes. */
export const BUILD_LAYOUT = 1

/**
 * A module in the cache's root that resolves specifiers as code there would, so the bench
 * process can find the before revision's `@crumbs/core` with Node's own ESM rules.
 */
export const RESOLVER_FILE = 'resolve.mjs'
const RESOLVER = `// Resolves a specifier as a module in this directory would: @crumbs/* to this build.
export const resolve = (specifier) => import.meta.resolve(specifier)
`

/** Output kept from a failing build script. */
const FAILURE_LINES = 40

/** Writes `revision`'s tracked files under `paths` into `dir` (no .git, nothing untracked). */
function materialize(revision: BeforeRevision, dir: string, paths: readonly string[]): void {
  const present = git(['ls-tree', '--name-only', revision.commit, '--', ...paths]).split('\n')
  for (const name of BEFORE_PACKAGES) {
    if (!present.includes(`packages/${name}`)) {
      throw new Error(`${revision.short} has no packages/${name}`)
    }
  }
  const archive = join(dir, 'revision.tar')
  git(['archive', '--format=tar', '-o', archive, revision.commit, '--', ...present])
  execFileSync('tar', ['-xf', archive, '-C', dir], { stdio: 'ignore' })
}

/**
 * Gives `packages/<dir>` of the materialized `tree` a `node_modules` of links to what the working tree's
 * `packages/<dir>/node_modules` holds (its tsup and `.bin`, typescript, types, drivers), except
 * `@crumbs/*`, which link to the materialized packages so the server builds against the core of
 * its own revision. A dependency the working tree's package lacks comes from pnpm's hoisting
 * directory when the install has it anywhere.
 */
async function linkBuildDependencies(
  tree: string,
  dir: string,
  manifest: PackageManifest,
): Promise<void> {
  const from = join(REPO_ROOT, 'packages', dir, 'node_modules')
  const to = join(tree, 'packages', dir, 'node_modules')
  if (!existsSync(from)) throw new Error(`packages/${dir} has no node_modules: run pnpm install`)
  const declared = [
    ...Object.keys(manifest.dependencies ?? {}),
    ...Object.keys(manifest.devDependencies ?? {}),
    ...Object.keys(manifest.peerDependencies ?? {}),
  ]
  const link = async (name: string, target: string) => {
    if (name.includes('/')) await mkdir(join(to, name.split('/')[0]!), { recursive: true })
    await symlink(target, join(to, name), 'dir')
  }
  await mkdir(to, { recursive: true })
  for (const name of BEFORE_PACKAGES) {
    const own = `@crumbs/${name}`
    if (declared.includes(own)) await link(own, join(tree, 'packages', name))
  }
  for (const entry of await readdir(from, { withFileTypes: true })) {
    if (entry.name === '@crumbs') continue
    const names =
      entry.name.startsWith('@') && entry.isDirectory()
        ? (await readdir(join(from, entry.name))).map((child) => `${entry.name}/${child}`)
        : [entry.name]
    for (const name of names) await link(name, await realpath(join(from, name)))
  }
  for (const name of declared) {
    if (name.startsWith('@crumbs/') || existsSync(join(to, name))) continue
    const target = installedPackage(name, dir)
    if (target !== undefined) await link(name, target)
  }
}

/** Runs a package's `build` script in its directory, as `pnpm run build` would. */
async function runBuildScript(dir: string, manifest: PackageManifest): Promise<void> {
  const script = manifest.scripts?.build
  if (script === undefined) throw new Error(`${manifest.name} has no build script`)
  const bin = join(dir, 'node_modules', '.bin')
  try {
    await promisify(execFile)('sh', ['-c', script], {
      cwd: dir,
      env: { ...process.env, PATH: `${bin}${delimiter}${process.env.PATH ?? ''}` },
      maxBuffer: 1 << 24,
    })
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string }
    const tail = `${stdout}\n${stderr}`.trim().split('\n').slice(-FAILURE_LINES).join('\n')
    throw new Error(`${manifest.name}: \`${script}\` failed:\n${tail}`, { cause: error })
  }
}

/** The files a package publishes: its package.json and what `files` lists (`dist` by default). */
async function copyPublished(from: string, to: string, manifest: PackageManifest): Promise<void> {
  await mkdir(to, { recursive: true })
  for (const entry of ['package.json', ...(manifest.files ?? ['dist'])]) {
    if (!existsSync(join(from, entry))) continue
    await cp(join(from, entry), join(to, entry), { recursive: true })
  }
}

/**
 * Builds `revision`'s @crumbs/core and @crumbs/server into `destination` as installed packages
 * (`node_modules/@crumbs/<name>` with package.json and the published files). The packages are
 * materialized with `git archive` into a temporary directory outside the repository, so nothing
 * there can resolve the bench's own packages by accident, and each runs its own `build` script
 * (its own tsup.config.ts and exports) with the working tree's tools. `destination` appears
 * whole or not at all: the build lands beside it and is renamed into place.
 */
export async function buildRevision(
  revision: BeforeRevision,
  destination: string,
): Promise<BuildRecord> {
  const started = performance.now()
  const work = await mkdtemp(join(tmpdir(), `crumbs-before-${revision.short}-`))
  const staging = `${destination}.partial-${process.pid}`
  try {
    const paths = [...BEFORE_PACKAGES.map((name) => `packages/${name}`), 'tsconfig.base.json']
    materialize(revision, work, paths)
    const manifests = new Map<string, PackageManifest>()
    for (const dir of BEFORE_PACKAGES) {
      const manifest = await readManifest(join(work, 'packages', dir))
      manifests.set(dir, manifest)
      await linkBuildDependencies(work, dir, manifest)
    }
    // In dependency order: the server's build reads the core's types.
    for (const dir of BEFORE_PACKAGES) {
      await runBuildScript(join(work, 'packages', dir), manifests.get(dir)!)
    }
    await rm(staging, { recursive: true, force: true })
    for (const dir of BEFORE_PACKAGES) {
      const manifest = manifests.get(dir)!
      await copyPublished(
        join(work, 'packages', dir),
        join(staging, 'node_modules', ...manifest.name.split('/')),
        manifest,
      )
    }
    await writeFile(join(staging, RESOLVER_FILE), RESOLVER)
    const tsup = join(work, 'packages', 'server', 'node_modules', 'tsup', 'package.json')
    const record: BuildRecord = {
      layout: BUILD_LAYOUT,
      commit: revision.commit,
      subject: revision.subject,
      builtAt: new Date().toISOString(),
      seconds: Math.round((performance.now() - started) / 100) / 10,
      node: process.version,
      tsup: existsSync(tsup)
        ? (JSON.parse(await readFile(tsup, 'utf8')) as { version: string }).version
        : undefined,
    }
    await writeFile(join(staging, 'build.json'), `${JSON.stringify(record, null, 2)}\n`)
    try {
      await rename(staging, destination)
    } catch (error) {
      // Another run finished the same build first; theirs is as good.
      const code = (error as NodeJS.ErrnoException).code
      if (code !== 'ENOTEMPTY' && code !== 'EEXIST') throw error
    }
    return record
  } finally {
    await rm(work, { recursive: true, force: true })
    await rm(staging, { recursive: true, force: true })
  }
}
