import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

const backend = (file: string) => fileURLToPath(new URL(`./src/crypto/${file}`, import.meta.url))

// The whole suite runs twice: on Node with node:crypto, and in the edge runtime (no node:*,
// Web Crypto only), the way the two builds behind the export conditions run.
export default defineConfig({
  test: {
    projects: [
      {
        resolve: { alias: { '#crypto-backend': backend('backend-node.ts') } },
        test: {
          name: 'node',
          environment: 'node',
          include: ['src/**/*.test.ts'],
          // Property tests run thousands of cases; a loaded 2-core CI machine (pnpm test runs
          // every package at once) needs headroom: the edge VM is several times slower.
          testTimeout: 60_000,
        },
      },
      {
        resolve: { alias: { '#crypto-backend': backend('backend-web.ts') } },
        test: {
          name: 'edge',
          environment: 'edge-runtime',
          include: ['src/**/*.test.ts'],
          exclude: ['src/**/*.node.test.ts'],
          testTimeout: 60_000,
        },
      },
    ],
  },
})
