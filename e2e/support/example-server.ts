import { type ChildProcess, spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { stopChild, waitForLine } from './child-process.js'

/** The built example server (`pnpm e2e` builds it first: turbo's e2e task depends on ^build). */
const MAIN = fileURLToPath(new URL('../../apps/example/dist/server/main.js', import.meta.url))

/** Seconds the example may take to listen. */
const START_TIMEOUT = 20

/** Environment of one example instance, beyond what {@link startExample} fills in. */
export interface ExampleEnv {
  readonly SESSION_MODE?: 'store' | 'cookie'
  readonly SESSION_FORMAT?: 'sealed' | 'signed' | 'flask'
  readonly REDIS_URL?: string
  readonly SECRET_KEY?: string
  readonly DATABASE_PATH?: string
  /** `0` (the default) picks a free port. */
  readonly PORT?: string
}

/** A running example server process. */
export interface ExampleServer {
  /** `http://127.0.0.1:<port>`: loopback only. */
  readonly url: string
  readonly port: number
  readonly secretKey: string
  readonly databasePath: string
  /** Stops the process (SIGTERM: it closes the store and the database). */
  stop(): Promise<void>
  /** Stops it and starts it again on the same port with the same environment. */
  restart(): Promise<void>
  /** Stops it and deletes its temporary folder. */
  dispose(): Promise<void>
  /** What the process printed since it was ready, its last 20 000 characters. */
  output(): string
  /** The lines where the example reported answering a request with a 5xx. */
  serverErrors(): readonly string[]
}

/** A fresh random `SECRET_KEY` (256 bits). */
export const newSecretKey = (): string => randomBytes(32).toString('base64url')

/**
 * Starts apps/example as its own process on 127.0.0.1, with a temporary SQLite file unless
 * `DATABASE_PATH` is given, and waits for it to listen.
 */
export async function startExample(env: ExampleEnv = {}): Promise<ExampleServer> {
  if (!existsSync(MAIN)) {
    throw new Error(`${MAIN} is missing: build the example first (pnpm e2e at the root does it).`)
  }
  const dir = mkdtempSync(join(tmpdir(), 'crumbs-e2e-'))
  const secretKey = env.SECRET_KEY ?? newSecretKey()
  const databasePath = env.DATABASE_PATH ?? join(dir, 'example.db')
  const childEnv: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    NODE_ENV: 'production',
    // Production leaves the demo users out; the specs log in as john and jane.
    SEED_DEMO_USERS: '1',
    HOST: '127.0.0.1',
    PORT: '0',
    ...env,
    SECRET_KEY: secretKey,
    DATABASE_PATH: databasePath,
  }
  let child: ChildProcess
  let port = 0
  let output = ''
  let partial = ''
  const errors: string[] = []
  // Keep draining the pipes, or a chatty server would block on a full one.
  const keep = (chunk: Buffer) => {
    const text = chunk.toString()
    output = (output + text).slice(-20_000)
    const lines = (partial + text).split('\n')
    partial = lines.pop() ?? ''
    // The example logs every 5xx it answers as `[example] METHOD /path: …`, crumbs as `[crumbs] …`.
    errors.push(...lines.filter((line) => /^\[(example|crumbs)\]/.test(line)))
  }

  const launch = async () => {
    child = spawn(process.execPath, [MAIN], {
      env: { ...childEnv, PORT: String(port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    const match = await waitForLine(child, /Listening on http:\/\/localhost:(\d+)/, START_TIMEOUT)
    port = Number(match[1])
    child.stdout?.on('data', keep)
    child.stderr?.on('data', keep)
  }
  try {
    await launch()
  } catch (error) {
    rmSync(dir, { recursive: true, force: true })
    throw new Error(`The example did not start: ${(error as Error).message}`)
  }

  return {
    get url() {
      return `http://127.0.0.1:${port}`
    },
    get port() {
      return port
    },
    secretKey,
    databasePath,
    stop: () => stopChild(child),
    async restart() {
      await stopChild(child)
      await launch()
    },
    async dispose() {
      await stopChild(child)
      rmSync(dir, { recursive: true, force: true })
    },
    output: () => output,
    serverErrors: () => errors,
  }
}
