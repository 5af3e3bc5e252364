import { defineConfig } from 'vitest/config'

// Workspace packages resolve to their TypeScript sources (the `@crumbs/source` export
// condition) ahead of Vite's own conditions: @crumbs/core then still picks its Web Crypto
// backend in happy-dom and its node:crypto backend under `node`.
const source = '@crumbs/source'

// Unit tests run in happy-dom; the Chromium suite and the size budget run in Node, the first
// driving the system Chromium through playwright-core.
export default defineConfig({
  resolve: { conditions: [source, 'module', 'browser', 'development|production'] },
  ssr: { resolve: { conditions: [source, 'module', 'node', 'development|production'] } },
  test: {
    projects: [
      {
        extends: true,
        test: { name: 'unit', environment: 'happy-dom', include: ['src/**/*.test.ts'] },
      },
      {
        extends: true,
        test: {
          name: 'node',
          environment: 'node',
          include: ['test/**/*.test.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
})
