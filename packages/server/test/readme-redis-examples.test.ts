import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'

/** A module's code with the README's import paths, imports sorted, the file's header dropped. */
function normalised(source: string): string[] {
  const lines = source
    .replace(/^\/\/ The README.*\n\/\/.*\n/, '')
    .trim()
    .replaceAll("'../src/entries/express.js'", "'@crumbs/server/express'")
    .replaceAll("'../src/entries/node.js'", "'@crumbs/server/node'")
    .replaceAll("'../src/entries/stores/redis.js'", "'@crumbs/server/stores/redis'")
    .split('\n')
  const imports = lines.filter((line) => line.startsWith('import ')).sort()
  return [...imports, ...lines.filter((line) => !line.startsWith('import '))]
}

describe("the README's Redis Cluster examples", () => {
  const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8')
  const section = readme.slice(readme.indexOf('#### Redis\n'), readme.indexOf('#### PostgreSQL'))
  const blocks = [...section.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1]!)

  it.each([
    ['ioredis Cluster', 'new Cluster(', 'readme-redis-ioredis.ts'],
    ['node-redis createCluster', 'createCluster(', 'readme-redis-node-redis.ts'],
  ] as const)('has the %s example as %s, which tsc compiles', (_, marker, file) => {
    const example = readFileSync(new URL(`./${file}`, import.meta.url), 'utf8')
    const block = blocks.find((code) => code.includes(marker)) ?? ''
    expect(normalised(example)).toEqual(normalised(block))
  })
})
