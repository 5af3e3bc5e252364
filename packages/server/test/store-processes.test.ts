import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { Client } from './harness/client.js'
import { CLUSTER_NODES, describeWithCluster } from './harness/redis-cluster-env.js'
import { deleteKeys, describeWithRedis, REDIS_URL, uniquePrefix } from './harness/redis-env.js'

const SECRET = 'a-test-secret-that-is-long-enough-0001'
const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..')
const dir = mkdtempSync(join(tmpdir(), 'crumbs-processes-'))
const prefixes: string[] = []
const children = new Set<ChildProcess>()

afterEach(() => {
  for (const child of children) child.kill('SIGKILL')
  children.clear()
})
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true })
  await Promise.all(prefixes.map((prefix) => deleteKeys(prefix)))
})

interface Server {
  readonly url: string
  readonly child: ChildProcess
}

/** Starts test/fixtures/store-server.ts in a new Node process and waits (20 s at most) for its URL. */
function startServer(env: Record<string, string>): Promise<Server> {
  // The sources of @crumbs/* (their `@crumbs/source` export condition), as in the tests themselves.
  const node = ['--conditions=@crumbs/source', '--import', 'tsx']
  const child = spawn(process.execPath, [...node, 'test/fixtures/store-server.ts'], {
    cwd: packageDir,
    env: { ...process.env, SECRET, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  children.add(child)
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error('The server process did not start within 20 s.')),
      20_000,
    )
    child.once('exit', (code) => reject(new Error(`The server process exited early with ${code}.`)))
    createInterface({ input: child.stdout! }).once('line', (line) => {
      clearTimeout(timer)
      resolve({ url: (JSON.parse(line) as { url: string }).url, child })
    })
  })
}

/** Ends a server process with `signal` and waits for it to be gone. */
function stop({ child }: Server, signal: NodeJS.Signals): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve()
    child.once('exit', () => resolve())
    child.kill(signal)
  })
}

/** A client holding the same cookies as `from`, talking to another server. */
function sameBrowser(from: Client, url: string): Client {
  const client = new Client(url)
  for (const [name, value] of from.jar) client.jar.set(name, value)
  return client
}

describe('store sessions across processes: sqlite', () => {
  it('keeps the login when the server process crashes and starts again on the same file', async () => {
    const env = { STORE: 'sqlite', SQLITE_PATH: join(dir, 'restart.db') }
    const first = await startServer(env)
    const browser = new Client(first.url)
    await browser.post('/login?name=pia')
    expect((await browser.get('/count')).body).toBe('1')
    await stop(first, 'SIGKILL')

    const second = await startServer(env)
    const after = sameBrowser(browser, second.url)
    expect((await after.get('/')).body).toBe('Welcome, pia!')
    expect((await after.get('/count')).body).toBe('2')
    await stop(second, 'SIGTERM')
  }, 60_000)
})

describeWithRedis('store sessions across processes: redis', () => {
  it('shares one login between two app processes on one Redis, and a logout on either', async () => {
    const prefix = uniquePrefix('processes')
    prefixes.push(prefix)
    const env = { STORE: 'redis', REDIS_URL, PREFIX: prefix }
    const [a, b] = await Promise.all([startServer(env), startServer(env)])
    expect(a.url).not.toBe(b.url)
    const onA = new Client(a.url)
    await onA.post('/login?name=quinn')
    const onB = sameBrowser(onA, b.url)
    expect((await onB.get('/')).body).toBe('Welcome, quinn!')
    expect((await onB.get('/count')).body).toBe('1')
    expect((await onA.get('/count')).body).toBe('2')
    await onB.get('/destroy')
    expect((await onA.get('/')).body).toBe('Please log in')
    await Promise.all([stop(a, 'SIGTERM'), stop(b, 'SIGTERM')])
  }, 60_000)
})

describeWithCluster('store sessions across processes: redis cluster', () => {
  it('shares logins between an ioredis and a node-redis app process on one Redis Cluster, and a logout on either ends them on both', async () => {
    // The cluster dies with the run: no keys to clean up.
    const env = {
      STORE: 'redis-cluster',
      CLUSTER_NODES: CLUSTER_NODES.map(({ host, port }) => `${host}:${port}`).join(','),
      PREFIX: uniquePrefix('processes-cluster'),
    }
    const [a, b] = await Promise.all([
      startServer({ ...env, DRIVER: 'ioredis' }),
      startServer({ ...env, DRIVER: 'node-redis' }),
    ])
    const onA = new Client(a.url)
    await onA.post('/login?name=rhea')
    const onB = sameBrowser(onA, b.url)
    expect((await onB.get('/')).body).toBe('Welcome, rhea!')
    expect((await onB.get('/count')).body).toBe('1')
    expect((await onA.get('/count')).body).toBe('2')
    await onB.get('/destroy')
    expect((await onA.get('/')).body).toBe('Please log in')
    expect((await onB.get('/')).body).toBe('Please log in')

    const second = new Client(b.url)
    await second.post('/login?name=sol')
    const secondOnA = sameBrowser(second, a.url)
    expect((await secondOnA.get('/')).body).toBe('Welcome, sol!')
    await secondOnA.get('/destroy')
    expect((await second.get('/')).body).toBe('Please log in')
    await Promise.all([stop(a, 'SIGTERM'), stop(b, 'SIGTERM')])
  }, 60_000)
})
