import { describe, expect, it } from 'vitest'

// The runtime surface of every entry point, so an API change shows up as a reviewed diff.
const entries = {
  '@crumbs/server': () => import('../src/entries/index.js'),
  '@crumbs/server/engine': () => import('../src/entries/engine.js'),
  '@crumbs/server/node': () => import('../src/entries/node.js'),
  '@crumbs/server/express': () => import('../src/entries/express.js'),
  '@crumbs/server/fastify': () => import('../src/entries/fastify.js'),
  '@crumbs/server/koa': () => import('../src/entries/koa.js'),
  '@crumbs/server/fetch': () => import('../src/entries/fetch.js'),
  '@crumbs/server/hono': () => import('../src/entries/hono.js'),
  '@crumbs/server/stores/memory': () => import('../src/entries/stores/memory.js'),
  '@crumbs/server/stores/sqlite': () => import('../src/entries/stores/sqlite.js'),
  '@crumbs/server/stores/redis': () => import('../src/entries/stores/redis.js'),
  '@crumbs/server/stores/postgres': () => import('../src/entries/stores/postgres.js'),
}

describe('public surface', () => {
  it.each(Object.entries(entries))('%s exports exactly its public names', async (_, load) => {
    const module = await load()
    expect(Object.keys(module).sort()).toMatchSnapshot()
  })
})
