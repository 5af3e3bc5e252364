import { defineConfig } from 'vitest/config'

export default defineConfig({
  // @crumbs/* from their TypeScript sources (the `@crumbs/source` export condition), so these
  // tests need no build of the packages.
  ssr: { resolve: { conditions: ['@crumbs/source', 'module', 'node', 'development|production'] } },
  test: {
    include: ['server/**/*.test.ts', 'web/**/*.test.ts', 'test/**/*.test.ts'],
    // Logins hash with scrypt (about 16 MiB and 50 ms each, on libuv's thread pool). `pnpm test`
    // runs every package's tests at once on a 2-core machine, where a test of seven hashes has
    // been seen to need more than vitest's default 5 s.
    testTimeout: 30_000,
    // One Redis Cluster (three masters, three replicas) for the run, started and stopped by
    // packages/server's harness: the cluster tests share it.
    globalSetup: ['../../packages/server/test/harness/redis-cluster-setup.ts'],
    hookTimeout: 30_000,
  },
})
