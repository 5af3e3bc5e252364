// Vitest's globalSetup: one Redis Cluster for the whole run, shared by every test that needs one
// (see redis-cluster-env.ts). Tests that kill nodes start a cluster of their own instead.
import type { TestProject } from 'vitest/node'
import { RedisCluster } from './redis-cluster.js'

declare module 'vitest' {
  export interface ProvidedContext {
    /** The shared cluster's node ports, or why it could not start. */
    redisCluster: { ports: number[] } | { error: string }
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let cluster: RedisCluster | undefined
  try {
    cluster = await RedisCluster.start()
    project.provide('redisCluster', { ports: cluster.nodes.map(({ port }) => port) })
  } catch (error) {
    project.provide('redisCluster', {
      error: error instanceof Error ? error.message : String(error),
    })
  }
  return async () => {
    await cluster?.stop()
  }
}
