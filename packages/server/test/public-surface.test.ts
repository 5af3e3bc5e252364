import { describe, expect, it } from 'vitest'

// The runtime surface of every entry point, so an API change shows up as a reviewed diff.
const entries = {
  '@crumbs/server': () => import('../src/index.js'),
  '@crumbs/server/node': () => import('../src/node.js'),
  '@crumbs/server/express': () => import('../src/express.js'),
  '@crumbs/server/fetch': () => import('../src/fetch.js'),
  '@crumbs/server/stores/memory': () => import('../src/stores/memory.js'),
  '@crumbs/server/stores/sqlite': () => import('../src/stores/sqlite.js'),
  '@crumbs/server/stores/redis': () => import('../src/stores/redis.js'),
}

describe('public surface', () => {
  it.each(Object.entries(entries))('%s exports exactly its public names', async (_, load) => {
    const module = await load()
    expect(Object.keys(module).sort()).toMatchSnapshot()
  })
})
