import { join } from 'node:path'
import { StartupError } from './startup-error.js'

/**
 * Where sessions live: in a store (SQLite, PostgreSQL, or Redis with `REDIS_URL` or
 * `REDIS_CLUSTER_URLS`) or in the cookie itself.
 */
export type SessionMode = 'store' | 'cookie'

/** How a cookie session is encoded (`SESSION_MODE=cookie` only). */
export type SessionFormat = 'sealed' | 'signed' | 'flask'

/** The example's settings, read once from the environment at start-up. */
export interface ExampleConfig {
  /** TCP port to listen on; `0` picks a free one. @default 3000 (`PORT`) */
  readonly port: number
  /** Interface to listen on. @default '127.0.0.1' (`HOST`) */
  readonly host: string
  /** The SQLite file holding users (and store sessions). @default '<app>/.data/example.db' (`DATABASE_PATH`) */
  readonly databasePath: string
  /** Where the generated development secret is kept. @default '<app>/.data' */
  readonly dataDir: string
  /** Redis for store sessions, like `redis://127.0.0.1:6379`. @default undefined: SQLite (`REDIS_URL`) */
  readonly redisUrl: string | undefined
  /**
   * A Redis Cluster for store sessions and the login throttle: some of its nodes (the client
   * finds the others), like `redis://10.0.0.1:6379,redis://10.0.0.2:6379`. Every URL carries the
   * same user, password and scheme. @default [] (`REDIS_CLUSTER_URLS`, comma-separated)
   */
  readonly redisClusterUrls: readonly string[]
  /**
   * PostgreSQL for the users, the store sessions and the login throttle, instead of the SQLite
   * file, like `postgres://app@db/app`. @default undefined (`DATABASE_URL`)
   */
  readonly databaseUrl: string | undefined
  /** @default 'store' (`SESSION_MODE`) */
  readonly sessionMode: SessionMode
  /** @default 'sealed' (`SESSION_FORMAT`) */
  readonly sessionFormat: SessionFormat
  /** `NODE_ENV=production`: a secret is required and the built page is served. */
  readonly production: boolean
  /**
   * Older secrets that still verify sessions after `SECRET_KEY` was rotated; a session verified
   * under one is re-issued under `SECRET_KEY`. @default [] (`SECRET_KEY_FALLBACKS`, comma-separated)
   */
  readonly secretKeyFallbacks: readonly string[]
  /**
   * Create john and jane with their published passwords. @default true outside production,
   * false under it (`SEED_DEMO_USERS`)
   */
  readonly seedDemoUsers: boolean
  /**
   * Trust one reverse proxy in front: the client's scheme from its `X-Forwarded-Proto` /
   * `Forwarded` and its address from the last `X-Forwarded-For` entry. @default false (`TRUST_PROXY`)
   */
  readonly trustProxy: boolean
}

const MODES: readonly SessionMode[] = ['store', 'cookie']
const FORMATS: readonly SessionFormat[] = ['sealed', 'signed', 'flask']

function oneOf<T extends string>(
  variable: string,
  value: string | undefined,
  allowed: readonly T[],
  fallback: T,
): T {
  if (value === undefined || value === '') return fallback
  if (allowed.includes(value as T)) return value as T
  throw new StartupError(
    `${variable} must be one of ${allowed.join(', ')}; got "${value}".`,
    variable,
  )
}

const TRUE = ['1', 'true', 'yes', 'on']
const FALSE = ['0', 'false', 'no', 'off']

function readFlag(variable: string, value: string | undefined, fallback: boolean): boolean {
  if (value === undefined || value === '') return fallback
  const v = value.trim().toLowerCase()
  if (TRUE.includes(v)) return true
  if (FALSE.includes(v)) return false
  throw new StartupError(`${variable} must be 1 or 0 (true/false); got "${value}".`, variable)
}

function readList(value: string | undefined): readonly string[] {
  if (value === undefined) return Object.freeze([])
  return Object.freeze(
    value
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item !== ''),
  )
}

function readUrl(
  variable: string,
  value: string | undefined,
  protocols: readonly string[],
): string | undefined {
  if (value === undefined || value === '') return undefined
  let protocol: string
  try {
    protocol = new URL(value).protocol
  } catch {
    // The value may hold a password: name the variable, never echo it.
    throw new StartupError(`${variable} is not a URL.`, variable)
  }
  if (!protocols.includes(protocol)) {
    throw new StartupError(
      `${variable} must start with ${protocols.map((p) => `${p}//`).join(' or ')}; got ${protocol}//…`,
      variable,
    )
  }
  return value
}

/**
 * `REDIS_CLUSTER_URLS`: comma-separated `redis://` or `rediss://` URLs of cluster nodes, each
 * with a host and no database number (a cluster has only database 0), all with the same
 * credentials and scheme, since one client logs in to every node alike.
 */
function readClusterUrls(value: string | undefined): readonly string[] {
  const variable = 'REDIS_CLUSTER_URLS'
  const urls = readList(value)
  for (const url of urls) readUrl(variable, url, ['redis:', 'rediss:'])
  const parsed = urls.map((url) => new URL(url))
  parsed.forEach((url, i) => {
    if (url.hostname === '') {
      throw new StartupError(`${variable}: URL ${i + 1} has no host.`, variable)
    }
    if (url.pathname !== '' && url.pathname !== '/' && url.pathname !== '/0') {
      throw new StartupError(
        `${variable}: URL ${i + 1} names a database; a Redis Cluster has only database 0, so drop the path.`,
        variable,
      )
    }
  })
  const first = parsed[0]
  if (
    first !== undefined &&
    parsed.some(
      (url) =>
        url.protocol !== first.protocol ||
        url.username !== first.username ||
        url.password !== first.password,
    )
  ) {
    throw new StartupError(
      `${variable}: every node's URL must use the same scheme, user and password (one client logs in to all of them alike).`,
      variable,
    )
  }
  return urls
}

function readPort(value: string | undefined): number {
  if (value === undefined || value === '') return 3000
  const port = Number(value)
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new StartupError(`PORT must be a TCP port number (0-65535); got "${value}".`, 'PORT')
  }
  return port
}

/**
 * Reads the example's settings from `env`; `appDir` is apps/example, under which the default
 * database and development secret live. Throws a {@link StartupError} naming the variable at
 * fault.
 */
export function loadConfig(env: NodeJS.ProcessEnv, appDir: string): ExampleConfig {
  const dataDir = join(appDir, '.data')
  const sessionMode = oneOf('SESSION_MODE', env.SESSION_MODE, MODES, 'store')
  const sessionFormat = oneOf('SESSION_FORMAT', env.SESSION_FORMAT, FORMATS, 'sealed')
  if (sessionMode === 'store' && env.SESSION_FORMAT) {
    throw new StartupError(
      'SESSION_FORMAT applies to cookie sessions only: set SESSION_MODE=cookie too, or unset SESSION_FORMAT.',
      'SESSION_FORMAT',
    )
  }
  if (env.DATABASE_URL && env.DATABASE_PATH) {
    throw new StartupError(
      'Set DATABASE_URL (PostgreSQL) or DATABASE_PATH (SQLite), not both.',
      'DATABASE_PATH',
    )
  }
  if (env.REDIS_URL && env.REDIS_CLUSTER_URLS) {
    throw new StartupError(
      'Set REDIS_URL (one Redis) or REDIS_CLUSTER_URLS (nodes of a Redis Cluster), not both.',
      'REDIS_CLUSTER_URLS',
    )
  }
  const production = env.NODE_ENV === 'production'
  return Object.freeze({
    port: readPort(env.PORT),
    host: env.HOST || '127.0.0.1',
    databasePath: env.DATABASE_PATH || join(dataDir, 'example.db'),
    dataDir,
    redisUrl: readUrl('REDIS_URL', env.REDIS_URL, ['redis:', 'rediss:']),
    redisClusterUrls: readClusterUrls(env.REDIS_CLUSTER_URLS),
    databaseUrl: readUrl('DATABASE_URL', env.DATABASE_URL, ['postgres:', 'postgresql:']),
    sessionMode,
    sessionFormat,
    production,
    secretKeyFallbacks: readList(env.SECRET_KEY_FALLBACKS),
    seedDemoUsers: readFlag('SEED_DEMO_USERS', env.SEED_DEMO_USERS, !production),
    trustProxy: readFlag('TRUST_PROXY', env.TRUST_PROXY, false),
  })
}
