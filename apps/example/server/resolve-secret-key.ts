import { randomBytes } from 'node:crypto'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { ensurePrivateDir, ensurePrivateFile } from './private-files.js'
import { StartupError } from './startup-error.js'

/** Where {@link resolveSecretKey} looks and what it may do. */
export interface SecretKeySource {
  /** `SECRET_KEY` from the environment. */
  readonly secretKey: string | undefined
  /** Refuse to invent a key (NODE_ENV=production). */
  readonly production: boolean
  /** The git-ignored folder that keeps a generated development key. */
  readonly dataDir: string
  /** Told once when a development key is used. @default console.warn */
  readonly warn?: (message: string) => void
}

const FILE = 'secret-key'
const GENERATE = `node -e "console.log(require('node:crypto').randomBytes(32).toString('base64url'))"`

function readKept(path: string): string | undefined {
  try {
    const kept = readFileSync(path, 'utf8').trim()
    return kept === '' ? undefined : kept
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw error
  }
}

/**
 * The session secret: `SECRET_KEY` when set; in development a random 256-bit key generated
 * once and kept in `<dataDir>/secret-key` (so logins survive restarts), with a warning; under
 * NODE_ENV=production a missing key is a {@link StartupError}.
 */
export function resolveSecretKey(source: SecretKeySource): string {
  if (source.secretKey) return source.secretKey
  if (source.production) {
    throw new StartupError(
      `SECRET_KEY is required when NODE_ENV=production. Generate one with\n  ${GENERATE}\nand pass it in the environment (never commit it).`,
      'SECRET_KEY',
    )
  }
  const path = join(source.dataDir, FILE)
  let key = readKept(path)
  // A key kept by an older version may be readable by others: take that away.
  if (key !== undefined) ensurePrivateFile(path)
  if (key === undefined) {
    key = randomBytes(32).toString('base64url')
    ensurePrivateDir(source.dataDir, true)
    // `wx`: two processes starting together must not overwrite each other's key.
    try {
      writeFileSync(path, `${key}\n`, { mode: 0o600, flag: 'wx' })
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      key = readKept(path) ?? key
    }
  }
  ;(source.warn ?? console.warn)(
    `⚠️  SECRET_KEY is not set: using a development key kept in ${path}. Set SECRET_KEY in production.`,
  )
  return key
}
