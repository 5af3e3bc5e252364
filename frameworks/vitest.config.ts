import { defineConfig } from 'vitest/config'

export default defineConfig({
  // @crumbs/server from its TypeScript sources (the `@crumbs/source` export condition), so these
  // tests need no build of the packages. The frameworks load as Node loads them.
  ssr: { resolve: { conditions: ['@crumbs/source', 'module', 'node', 'development|production'] } },
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/next-environment.ts'],
    // The recipes read their secret from the environment, as an app does.
    env: { SECRET_KEY: 'a-recipe-secret-that-is-long-enough-0001' },
    // Next.js and Astro take seconds to load on a loaded 2-core machine.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
})
