import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'

const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8')

describe("the README's adapter examples", () => {
  it.each([
    ['### Fastify', 'readme-fastify-example.ts'],
    ['### Koa', 'readme-koa-example.ts'],
  ])('%s is test/%s, which tsc compiles', (heading, file) => {
    const section = readme.slice(readme.indexOf(`\n${heading}\n`))
    const block = /```ts\n([\s\S]*?)```/.exec(section)?.[1]
    expect(block).toBe(readFileSync(new URL(`./${file}`, import.meta.url), 'utf8'))
  })
})
