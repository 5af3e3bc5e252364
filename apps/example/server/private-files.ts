import { chmodSync, closeSync, mkdirSync, openSync, statSync } from 'node:fs'

/** Bits that let anyone but the owner in. */
const OTHERS = 0o077

/**
 * Creates `dir` and its missing parents readable by their owner only (0700). An existing folder
 * is tightened too when `ours` (the example's own `.data`); anyone else's is left alone.
 */
export function ensurePrivateDir(dir: string, ours: boolean): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 })
  if (ours) tighten(dir, 0o700)
}

/**
 * Creates `path` empty and 0600 when missing, and takes group and other access away from an
 * existing one: the database holds password hashes, and SQLite gives its `-wal` and `-shm`
 * files the database's own mode.
 */
export function ensurePrivateFile(path: string): void {
  try {
    closeSync(openSync(path, 'wx', 0o600))
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    tighten(path, 0o600)
  }
}

/** {@link ensurePrivateFile} for SQLite's companions of `path` that exist, left by an older run. */
export function tightenSqliteCompanions(path: string): void {
  for (const suffix of ['-wal', '-shm', '-journal']) {
    try {
      tighten(path + suffix, 0o600)
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
    }
  }
}

function tighten(path: string, mode: number): void {
  if ((statSync(path).mode & OTHERS) !== 0) chmodSync(path, mode)
}
