import { defineConfig, type Options } from 'tsup'

// One entry per public subpath (src/entries/ mirrors it); keep in step with `exports` in package.json.
// ESM (`.js`, `.d.ts`) and CommonJS (`.cjs`, `.d.cts`), each split into shared chunks so the
// entries of one format share one engine (docs/architecture/dual-package.md). `pnpm build`
// empties dist/ first: the two formats build at once, so neither may clean.
const shared: Options = {
  entry: {
    index: 'src/entries/index.ts',
    engine: 'src/entries/engine.ts',
    node: 'src/entries/node.ts',
    express: 'src/entries/express.ts',
    fastify: 'src/entries/fastify.ts',
    koa: 'src/entries/koa.ts',
    fetch: 'src/entries/fetch.ts',
    hono: 'src/entries/hono.ts',
    'stores/memory': 'src/entries/stores/memory.ts',
    'stores/sqlite': 'src/entries/stores/sqlite.ts',
    'stores/redis': 'src/entries/stores/redis.ts',
    'stores/postgres': 'src/entries/stores/postgres.ts',
  },
  platform: 'node',
  target: 'node20',
  dts: true,
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
}

export default defineConfig([
  { ...shared, format: 'esm' },
  // Rollup splits the CommonJS build (tsup's own CommonJS splitting would down-level `?.`).
  { ...shared, format: 'cjs', treeshake: true },
])
