import { defineConfig } from 'tsup'

// One entry per public subpath; keep in step with the `exports` map in package.json.
export default defineConfig({
  entry: {
    index: 'src/index.ts',
    node: 'src/node.ts',
    express: 'src/express.ts',
    fetch: 'src/fetch.ts',
    'stores/memory': 'src/stores/memory.ts',
    'stores/sqlite': 'src/stores/sqlite.ts',
    'stores/redis': 'src/stores/redis.ts',
  },
  format: 'esm',
  platform: 'node',
  target: 'node20',
  dts: true,
  clean: true,
  sourcemap: true,
  splitting: true,
  // Frameworks and drivers are optional peers: never bundled.
  external: ['express', 'hono', 'better-sqlite3', 'ioredis', 'redis'],
})
