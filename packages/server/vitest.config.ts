import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Real HTTP, Redis, SQLite and Flask under a loaded 2-core CI machine need headroom.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
})
