import { Cluster } from 'ioredis'
import { createCluster } from 'redis'
import { describe, inject, it } from 'vitest'
import type { RedisDriver } from './redis-env.js'

/** The cluster that redis-cluster-setup.ts started for this run, or why there is none. */
const provided = inject('redisCluster')

/** `host:port` of every node of the shared cluster (empty when it did not start). */
export const CLUSTER_NODES: { host: string; port: number }[] =
  'ports' in provided ? provided.ports.map((port) => ({ host: '127.0.0.1', port })) : []

/**
 * `describe` for tests that need the shared Redis Cluster. When it could not start (no
 * `redis-server` or `redis-cli`, say) they fail under CI=true and otherwise skip loudly.
 */
export function describeWithCluster(name: string, body: () => void): void {
  if ('ports' in provided) {
    describe(name, body)
  } else if (process.env.CI === 'true') {
    describe(name, () => {
      it('starts a Redis Cluster', () => {
        throw new Error(`A Redis Cluster is required under CI=true: ${provided.error}`)
      })
    })
  } else {
    console.warn(
      `\n!!! SKIPPED "${name}": no Redis Cluster (${provided.error}). Install redis-server and redis-cli. !!!\n`,
    )
    describe.skip(name, body)
  }
}

export interface TestClusterClient {
  readonly client: Cluster | ReturnType<typeof createCluster>
  /** Errors the client emitted; listening keeps the process alive when a node goes away. */
  readonly errors: unknown[]
  close(): Promise<void>
}

/** A connected cluster client of `driver` seeded with `nodes` (default: the shared cluster). */
export async function openClusterClient(
  driver: RedisDriver,
  nodes = CLUSTER_NODES,
): Promise<TestClusterClient> {
  const errors: unknown[] = []
  if (driver === 'ioredis') {
    const client = new Cluster(nodes, { lazyConnect: true })
    client.on('error', (error) => errors.push(error))
    await client.connect()
    return { client, errors, close: async () => client.disconnect() }
  }
  const client = createCluster({
    rootNodes: nodes.map(({ host, port }) => ({ url: `redis://${host}:${port}` })),
  })
  client.on('error', (error) => errors.push(error))
  await client.connect()
  return {
    client,
    errors,
    close: async () => {
      if (client.isOpen) client.destroy()
    },
  }
}
