import { type ChildProcess, fork, spawn } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { createClient } from 'redis'
import { TcpCut } from './tcp-cut.js'

/** One store for the example under soak, and how to make it fail for a while. */
export interface SoakStore {
  readonly name: 'sqlite' | 'redis' | 'postgres'
  /** What the example needs to use it (DATABASE_PATH, REDIS_URL, DATABASE_URL). */
  readonly env: Readonly<Record<string, string>>
  /** How the store fails, in a few words. */
  readonly fault: string
  /** Makes the store fail for `seconds`, then brings it back; resolves once it is back. */
  outage(seconds: number): Promise<void>
  /** Stops what it started and deletes what it made. */
  dispose(): Promise<void>
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise((resolve) => server.close(resolve))
  return port
}

/** The PostgreSQL the soak cuts a relay to: `DATABASE_URL`, else the tests' database. */
const POSTGRES_URL = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test'

export async function openSoakStore(name: SoakStore['name']): Promise<SoakStore> {
  const dir = await mkdtemp(join(tmpdir(), `crumbs-soak-${name}-`))
  const databasePath = join(dir, 'example.db')
  if (name === 'sqlite') return sqliteStore(dir, databasePath)
  if (name === 'redis') return redisStore(dir, databasePath)
  return postgresStore(dir)
}

/** The example's SQLite file, locked by another process (BEGIN EXCLUSIVE) for the outage. */
function sqliteStore(dir: string, databasePath: string): SoakStore {
  const locker = new URL('./sqlite-locker.ts', import.meta.url)
  return {
    name: 'sqlite',
    env: { DATABASE_PATH: databasePath },
    fault: 'the file locked by another process (BEGIN EXCLUSIVE)',
    async outage(seconds) {
      const child = fork(locker, [databasePath, String(seconds)], {
        execArgv: ['--import', import.meta.resolve('tsx')],
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      })
      const code = await new Promise<number | null>((resolve) => child.once('exit', resolve))
      if (code !== 0) throw new Error(`the SQLite locker exited with ${code}`)
    },
    async dispose() {
      await rm(dir, { recursive: true, force: true })
    },
  }
}

/** A redis-server of the soak's own (AOF, fsync always), stopped with SIGTERM and restarted. */
async function redisStore(dir: string, databasePath: string): Promise<SoakStore> {
  const port = await freePort()
  let child: ChildProcess | undefined
  const start = async () => {
    child = spawn(
      'redis-server',
      [
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--dir',
        dir,
        '--save',
        '',
        '--appendonly',
        'yes',
        '--appendfsync',
        'always',
        '--logfile',
        join(dir, 'redis.log'),
      ],
      { stdio: 'ignore' },
    )
    for (let i = 0; i < 100; i++) {
      const client = createClient({
        url: `redis://127.0.0.1:${port}`,
        socket: { reconnectStrategy: false },
      })
      client.on('error', () => {})
      try {
        await client.connect()
        await client.ping()
        client.destroy()
        return
      } catch {
        await sleep(100)
      }
    }
    throw new Error(`redis-server on ${port} did not start; see ${dir}/redis.log`)
  }
  const stop = async () => {
    const running = child
    if (running === undefined || running.exitCode !== null) return
    const exited = new Promise((resolve) => running.once('exit', resolve))
    process.kill(running.pid!, 'SIGTERM')
    await exited
  }
  await start()
  return {
    name: 'redis',
    env: { REDIS_URL: `redis://127.0.0.1:${port}`, DATABASE_PATH: databasePath },
    fault: `its own redis-server (port ${port}, AOF with fsync always) stopped and started again`,
    async outage(seconds) {
      await stop()
      await sleep(seconds * 1000)
      await start()
    },
    async dispose() {
      await stop()
      await rm(dir, { recursive: true, force: true })
    },
  }
}

/** The shared PostgreSQL behind a relay the soak cuts, in a schema of the soak's own. */
async function postgresStore(dir: string): Promise<SoakStore> {
  const url = new URL(POSTGRES_URL)
  const relay = await TcpCut.open(Number(url.port || 5432))
  const schema = `crumbs_soak_${Date.now().toString(36)}`
  const admin = new pg.Client({ connectionString: POSTGRES_URL })
  await admin.connect()
  await admin.query(`CREATE SCHEMA ${schema}`)
  await admin.end()
  const relayed = new URL(POSTGRES_URL)
  relayed.hostname = '127.0.0.1'
  relayed.port = String(relay.port)
  relayed.searchParams.set('options', `-c search_path=${schema}`)
  return {
    name: 'postgres',
    env: { DATABASE_URL: relayed.toString() },
    fault: 'every connection to it cut at a relay, and new ones refused',
    async outage(seconds) {
      relay.cut()
      await sleep(seconds * 1000)
      relay.restore()
    },
    async dispose() {
      await relay.close()
      const client = new pg.Client({ connectionString: POSTGRES_URL })
      await client.connect()
      await client.query(`DROP SCHEMA ${schema} CASCADE`)
      await client.end()
      await rm(dir, { recursive: true, force: true })
    },
  }
}
