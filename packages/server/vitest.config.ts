import { defineConfig } from 'vitest/config'

// Workspace packages resolve to their TypeScript sources (the `@crumbs/source` export
// condition) ahead of Vite's own server conditions, so tests run without building what they
// import, and @crumbs/core still picks its node:crypto backend under `node`.
export default defineConfig({
  ssr: { resolve: { conditions: ['@crumbs/source', 'module', 'node', 'development|production'] } },
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // One Redis Cluster for the run, shared by the cluster tests (a few seconds to start).
    globalSetup: ['test/harness/redis-cluster-setup.ts'],
    // Real HTTP, Redis, SQLite and Flask under a loaded 2-core CI machine need headroom.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
})
