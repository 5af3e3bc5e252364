import { defineConfig } from 'vitest/config'

// Unit tests run in happy-dom; the Chromium suite and the size budget run in Node, the first
// driving the system Chromium through playwright-core.
export default defineConfig({
  test: {
    projects: [
      {
        test: { name: 'unit', environment: 'happy-dom', include: ['src/**/*.test.ts'] },
      },
      {
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
