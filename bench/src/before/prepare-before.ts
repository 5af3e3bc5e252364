import { readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { type BeforeRevision, resolveRevision } from './before-revision.js'
import { BUILD_LAYOUT, type BuildRecord, buildRevision, RESOLVER_FILE } from './build-revision.js'
import { linkRuntimeDependencies } from './link-runtime-dependencies.js'

/** Where before-builds are kept, one directory per commit (gitignored). */
export const BEFORE_CACHE = fileURLToPath(new URL('../../.before/', import.meta.url))

/** A before revision's @crumbs/core and @crumbs/server, built and ready to load. */
export interface BeforeBuild extends BeforeRevision {
  /** `bench/.before/<commit>`: `node_modules/@crumbs/{core,server}` and their dependencies. */
  readonly root: string
  /**
   * A file URL in {@link root}: resolving `@crumbs/*` as if imported from there gives the
   * before-build, with Node's own rules (exports map, conditions).
   */
  readonly resolveFrom: string
  /** Whether this run found the build in the cache rather than making it. */
  readonly cached: boolean
  /** How long the build took when it was made, in seconds. */
  readonly buildSeconds: number
}

async function readRecord(root: string): Promise<BuildRecord | undefined> {
  try {
    const record = JSON.parse(await readFile(join(root, 'build.json'), 'utf8')) as BuildRecord
    return record.layout === BUILD_LAYOUT ? record : undefined
  } catch {
    // No finished build here (or an unreadable one): it is made again.
    return undefined
  }
}

/**
 * The build of `ref`'s packages: from `bench/.before/<commit>` when a finished one is there,
 * otherwise built now (see {@link buildRevision}) and kept there. Either way, the links to its
 * run-time dependencies are made afresh.
 */
export async function prepareBefore(
  ref: string,
  log: (line: string) => void,
): Promise<BeforeBuild> {
  const revision = resolveRevision(ref)
  const root = join(BEFORE_CACHE, revision.commit)
  let record = await readRecord(root)
  const cached = record !== undefined
  if (record === undefined) {
    log(`before: building ${revision.short} (${revision.subject.slice(0, 60)}) into ${root}`)
    await rm(root, { recursive: true, force: true })
    record = await buildRevision(revision, root)
    log(`before: built in ${record.seconds} s`)
  }
  for (const note of await linkRuntimeDependencies(root)) log(`before: ${note}`)
  return {
    ...revision,
    root,
    resolveFrom: pathToFileURL(join(root, RESOLVER_FILE)).href,
    cached,
    buildSeconds: record.seconds,
  }
}
