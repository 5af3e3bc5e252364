import { readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8')
const recipes = new URL('../recipes/', import.meta.url)

// Each recipe the README shows is a file here, which tsc compiles and the tests run.
const shown = [
  'next/sessions.ts',
  'next/route.ts',
  'next/actions.ts',
  'react-router/login.ts',
  'sveltekit/hooks.server.ts',
  'sveltekit/page.server.ts',
  'astro/middleware.ts',
]

describe("the README's framework recipes", () => {
  it.each(shown)('shows recipes/%s as it is', (file) => {
    const text = readFileSync(new URL(file, recipes), 'utf8')
    expect(readme).toContain(`\`\`\`ts\n${text}\`\`\``)
  })

  it('leaves out only the one-line sessions modules', () => {
    const all = readdirSync(recipes, { recursive: true, encoding: 'utf8' }).filter((f) =>
      f.endsWith('.ts'),
    )
    expect(all.filter((file) => !shown.includes(file)).sort()).toEqual([
      'astro/sessions.ts',
      'react-router/sessions.server.ts',
      'sveltekit/sessions.ts',
    ])
  })
})
