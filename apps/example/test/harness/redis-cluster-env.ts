import { describe, inject, it } from 'vitest'

declare module 'vitest' {
  export interface ProvidedContext {
    /** The run's cluster node ports, or why it could not start (packages/server's setup). */
    redisCluster: { ports: number[] } | { error: string }
  }
}

/** The Redis Cluster that vitest's globalSetup started for this run, or why there is none. */
const provided = inject('redisCluster')

/** `redis://127.0.0.1:<port>` of every node of the run's cluster (empty when it did not start). */
export const CLUSTER_URLS: readonly string[] =
  'ports' in provided ? provided.ports.map((port) => `redis://127.0.0.1:${port}`) : []

/**
 * `describe` for tests that need the run's Redis Cluster: without one (no `redis-server` or
 * `redis-cli`) they fail under CI=true and skip with a loud warning elsewhere.
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
