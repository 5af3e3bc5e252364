import { defineConfig } from 'tsup'

// One entry per public subpath (src/entries/ mirrors it); keep in step with `exports` in package.json.
export default defineConfig({
  entry: {
    index: 'src/entries/index.ts',
    engine: 'src/entries/engine.ts',
    node: 'src/entries/node.ts',
    express: 'src/entries/express.ts',
    fastify: 'src/entries/fastify.ts',
    koa: 'src/entries/koa.ts',
    fetch: 'src/entries/fetch.ts',
    'stores/memory': 'src/entries/stores/memory.ts',
    'stores/sqlite': 'src/entries/stores/sqlite.ts',
    'stores/redis': 'src/entries/stores/redis.ts',
    'stores/postgres': 'src/entries/stores/postgres.ts',
  },
  format: 'esm',
  platform: 'node',
  target: 'node20',
  dts: true,
  clean: true,
  sourcemap: true,
  splitting: true,
  // Frameworks and drivers are optional peers: never bundled.
  external: [
    'express',
    'fastify',
    'koa',
    'hono',
    'better-sqlite3',
    'ioredis',
    'redis',
    'pg',
    'postgres',
  ],
})
