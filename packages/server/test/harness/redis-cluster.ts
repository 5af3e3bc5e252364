import { type ChildProcess, execFile, spawn } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { Redis } from 'ioredis'

const run = promisify(execFile)
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/** How a test cluster is laid out. */
export interface RedisClusterOptions {
  /** Masters, each owning a third (or so) of the slots. @default 3 */
  masters?: number
  /** Replicas of each master. @default 1 */
  replicas?: number
  /** `cluster-node-timeout` in ms: how long a silent master has before failover. @default 2000 */
  nodeTimeout?: number
  /** More `redis-server` arguments for every node. */
  args?: readonly string[]
}

/** One `redis-server` of the cluster, in its own directory. */
export interface ClusterNode {
  readonly port: number
  readonly busPort: number
  readonly dir: string
  /** The running process' id, `undefined` while the node is stopped. */
  readonly pid: number | undefined
}

/**
 * Every `redis-server` started by this module and every directory it made, so that a run that
 * ends early (an uncaught error, Ctrl-C) still stops them by PID and removes them.
 */
const running = new Set<ChildProcess>()
const roots = new Set<string>()
process.once('exit', () => {
  for (const child of running) if (child.pid !== undefined) process.kill(child.pid, 'SIGKILL')
  for (const root of roots) rmSync(root, { recursive: true, force: true })
})

/** A port the OS calls free right now (a node that loses the race to it is started again). */
async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise((resolve) => server.close(resolve))
  return port
}

/** `fn` on a short-lived connection to one node. */
export async function onNode<T>(port: number, fn: (redis: Redis) => Promise<T>): Promise<T> {
  const redis = new Redis({
    port,
    host: '127.0.0.1',
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    connectTimeout: 1000,
  })
  redis.on('error', () => {})
  try {
    await redis.connect()
    return await fn(redis)
  } finally {
    redis.disconnect()
  }
}

/** The `field:value` lines of an INFO or CLUSTER INFO reply. */
function fields(text: string): Map<string, string> {
  return new Map(
    text.split('\r\n').flatMap((line) => {
      const at = line.indexOf(':')
      return at > 0 ? [[line.slice(0, at), line.slice(at + 1)] as [string, string]] : []
    }),
  )
}

/**
 * A Redis Cluster of loopback `redis-server` processes on free ports, each in its own temporary
 * directory with persistence off, made by `redis-cli --cluster create`. Every process is
 * stopped by its PID.
 */
export class RedisCluster {
  readonly #root: string
  readonly #options: Required<RedisClusterOptions>
  readonly #nodes: { port: number; busPort: number; dir: string; child?: ChildProcess }[] = []

  private constructor(root: string, options: Required<RedisClusterOptions>) {
    this.#root = root
    roots.add(root)
    this.#options = options
  }

  /** Starts the nodes, joins them into a cluster and waits until it serves every slot. */
  static async start(options: RedisClusterOptions = {}): Promise<RedisCluster> {
    const cluster = new RedisCluster(mkdtempSync(join(tmpdir(), 'crumbs-cluster-')), {
      masters: options.masters ?? 3,
      replicas: options.replicas ?? 1,
      nodeTimeout: options.nodeTimeout ?? 2000,
      args: options.args ?? [],
    })
    try {
      const count = cluster.#options.masters * (1 + cluster.#options.replicas)
      await Promise.all(Array.from({ length: count }, (_, i) => cluster.#add(i)))
      await run('redis-cli', [
        '--cluster',
        'create',
        ...cluster.#nodes.map(({ port }) => `127.0.0.1:${port}`),
        '--cluster-replicas',
        String(cluster.#options.replicas),
        '--cluster-yes',
      ])
      await cluster.waitUntilHealthy()
      return cluster
    } catch (error) {
      await cluster.stop()
      throw error
    }
  }

  get nodes(): ClusterNode[] {
    return this.#nodes.map(({ port, busPort, dir, child }) => ({
      port,
      busPort,
      dir,
      pid: child?.exitCode === null && child.signalCode === null ? child.pid : undefined,
    }))
  }

  /** `host:port` of every node, for a client's seed list. */
  get addresses(): { host: string; port: number }[] {
    return this.#nodes.map(({ port }) => ({ host: '127.0.0.1', port }))
  }

  async #add(index: number): Promise<void> {
    const dir = join(this.#root, `node-${index}`)
    mkdirSync(dir)
    for (let attempt = 1; ; attempt++) {
      const node = { port: await freePort(), busPort: await freePort(), dir }
      try {
        this.#nodes[index] = node
        await this.#launch(node)
        return
      } catch (error) {
        if (attempt === 3) throw error
      }
    }
  }

  /** Runs `redis-server` for `node` and waits until it answers PING. */
  async #launch(node: { port: number; busPort: number; dir: string; child?: ChildProcess }) {
    const child = spawn(
      'redis-server',
      [
        '--port',
        String(node.port),
        '--cluster-port',
        String(node.busPort),
        '--bind',
        '127.0.0.1',
        '--cluster-enabled',
        'yes',
        '--cluster-config-file',
        join(node.dir, 'nodes.conf'),
        '--cluster-node-timeout',
        String(this.#options.nodeTimeout),
        '--dir',
        node.dir,
        '--save',
        '',
        '--appendonly',
        'no',
        // A replica that (re)joins syncs at once instead of after the default 5 s.
        '--repl-diskless-sync-delay',
        '0',
        '--logfile',
        join(node.dir, 'redis.log'),
        ...this.#options.args,
      ],
      { stdio: 'ignore' },
    )
    node.child = child
    running.add(child)
    child.once('exit', () => running.delete(child))
    const failed = new Promise<never>((_, reject) => {
      child.once('error', reject)
      child.once('exit', (code) =>
        reject(new Error(`redis-server on port ${node.port} exited with ${code}; see ${node.dir}`)),
      )
    })
    failed.catch(() => {})
    const started = Date.now()
    for (;;) {
      const up = await Promise.race([
        onNode(node.port, (redis) => redis.ping()).then(
          () => true,
          () => false,
        ),
        failed,
      ])
      if (up) return
      if (Date.now() - started > 10_000)
        throw new Error(`redis-server on ${node.port} never answered`)
      await sleep(50)
    }
  }

  /**
   * Waits (`timeout` ms at most) until every running node sees the cluster as ok and knows every
   * other one, and every running replica has synchronized with its master.
   */
  async waitUntilHealthy(timeout = 20_000): Promise<void> {
    const started = Date.now()
    for (;;) {
      const problems = await this.#problems()
      if (problems.length === 0) return
      if (Date.now() - started > timeout) {
        throw new Error(
          `The Redis Cluster is not healthy after ${timeout} ms: ${problems.join('; ')}`,
        )
      }
      await sleep(100)
    }
  }

  async #problems(): Promise<string[]> {
    const live = this.nodes.filter((node) => node.pid !== undefined)
    const reports = await Promise.all(
      live.map(({ port }) =>
        onNode(port, async (redis) => {
          const info = fields(await redis.cluster('INFO'))
          const replication = fields(await redis.info('replication'))
          const problems: string[] = []
          if (info.get('cluster_state') !== 'ok')
            problems.push(`${port}: ${info.get('cluster_state')}`)
          if (Number(info.get('cluster_known_nodes')) !== this.#nodes.length) {
            problems.push(`${port} knows ${info.get('cluster_known_nodes')} nodes`)
          }
          if (
            replication.get('role') === 'slave' &&
            replication.get('master_link_status') !== 'up'
          ) {
            problems.push(`${port}: replica not in sync`)
          }
          return problems
        }).catch((error: Error) => [`${port}: ${error.message}`]),
      ),
    )
    return reports.flat()
  }

  /** The port of the master serving each of `keys` now, as a running node sees it. */
  async mastersOf(keys: readonly string[]): Promise<number[]> {
    const live = this.nodes.find((node) => node.pid !== undefined)!
    return onNode(live.port, async (redis) => {
      const ranges = await redis.cluster('SLOTS')
      const owners: number[] = []
      for (const key of keys) {
        const slot = (await redis.cluster('KEYSLOT', key)) as number
        const owner = ranges.find(([from, to]) => slot >= from && slot <= to)?.[2]?.[1]
        if (owner === undefined) throw new Error(`No master serves ${key}`)
        owners.push(owner)
      }
      return owners
    })
  }

  /** The replicas of the master on `port`, as their master sees them. */
  async replicasOf(port: number): Promise<ClusterNode[]> {
    const ports = await onNode(port, async (redis) => {
      const info = fields(await redis.info('replication'))
      return [...info.entries()]
        .filter(([name]) => /^slave\d+$/.test(name))
        .map(([, value]) => Number(/port=(\d+)/.exec(value)?.[1]))
    })
    return this.nodes.filter((node) => ports.includes(node.port))
  }

  /** Ends the node on `port` with `signal` (by its PID) and waits for it to be gone. */
  async kill(port: number, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const child = this.#nodes.find((node) => node.port === port)?.child
    if (child === undefined || child.exitCode !== null || child.signalCode !== null) return
    const exited = new Promise((resolve) => child.once('exit', resolve))
    process.kill(child.pid!, signal)
    await exited
  }

  /** Starts the node on `port` again on its own directory: a former master rejoins as a replica. */
  async restart(port: number): Promise<void> {
    const node = this.#nodes.find((n) => n.port === port)
    if (node === undefined) throw new Error(`No node on ${port}`)
    await this.#launch(node)
  }

  /** Stops every node by its PID (SIGTERM, then SIGKILL after 2 s) and removes the directories. */
  async stop(): Promise<void> {
    await Promise.all(
      this.#nodes.map(async ({ child }) => {
        if (child === undefined || child.exitCode !== null || child.signalCode !== null) return
        const exited = new Promise((resolve) => child.once('exit', resolve))
        process.kill(child.pid!, 'SIGTERM')
        const timer = setTimeout(() => {
          if (child.exitCode === null && child.signalCode === null)
            process.kill(child.pid!, 'SIGKILL')
        }, 2000)
        await exited
        clearTimeout(timer)
      }),
    )
    rmSync(this.#root, { recursive: true, force: true })
    roots.delete(this.#root)
  }
}
