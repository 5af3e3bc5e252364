import { execFileSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'

/** The repository the bench lives in: its working tree is what "after" measures. */
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url))

/** The packages a before-build holds, as directories under `packages/`. */
export const BEFORE_PACKAGES = ['core', 'server'] as const

/** The commit `BENCH_BEFORE` names. */
export interface BeforeRevision {
  /** What `BENCH_BEFORE` said (`main~3`, `HEAD`, a hash). */
  readonly ref: string
  /** The full commit hash: the cache key. */
  readonly commit: string
  readonly short: string
  /** The commit's subject line. */
  readonly subject: string
}

/** What "after" is: the working tree, on top of `head`. */
export interface AfterRevision {
  readonly head: string
  /** Whether packages/core or packages/server differ from `head` (uncommitted or untracked files). */
  readonly dirty: boolean
}

/** Runs git in the repository and returns its trimmed output. */
export function git(args: readonly string[]): string {
  return execFileSync('git', ['-C', REPO_ROOT, ...args], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 1 << 24,
  }).trim()
}

/** The commit `ref` names; throws when it names none. */
export function resolveRevision(ref: string): BeforeRevision {
  let commit: string
  try {
    commit = git(['rev-parse', '--verify', '--end-of-options', `${ref}^{commit}`])
  } catch (error) {
    throw new Error(`BENCH_BEFORE=${ref} names no commit in ${REPO_ROOT}`, { cause: error })
  }
  return {
    ref,
    commit,
    short: git(['rev-parse', '--short', commit]),
    subject: git(['log', '-1', '--format=%s', commit]),
  }
}

/** The working tree's HEAD, and whether the measured packages have changes on top of it. */
export function afterRevision(): AfterRevision {
  const paths = BEFORE_PACKAGES.map((name) => `packages/${name}`)
  return {
    head: git(['rev-parse', '--short', 'HEAD']),
    dirty: git(['status', '--porcelain', '--', ...paths]) !== '',
  }
}
