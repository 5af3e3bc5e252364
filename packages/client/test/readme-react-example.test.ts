import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { render } from './readme-react-example.js'

/** A module's text with the README's import paths, imports sorted, for a comparison. */
function normalised(source: string): string[] {
  const lines = source
    .trim()
    .replaceAll("'../src/index.js'", "'@crumbs/client'")
    .replaceAll("'../src/react/index.js'", "'@crumbs/client/react'")
    .split('\n')
  const imports = lines.filter((line) => line.startsWith('import ')).sort()
  return [...imports, ...lines.filter((line) => !line.startsWith('import '))]
}

describe("the README's React example", () => {
  it('is readme-react-example.tsx, which tsc compiles', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8')
    const section = readme.slice(readme.indexOf('## React'))
    const block = /```tsx\n([\s\S]*?)```/.exec(section)?.[1]
    const example = readFileSync(new URL('./readme-react-example.tsx', import.meta.url), 'utf8')
    expect(normalised(block ?? '')).toEqual(normalised(example))
  })

  it("renders the request's cookies on the server", () => {
    const request = new Request('http://localhost/', {
      headers: { cookie: 'theme=dark; user=john' },
    })
    const html = render(request)
    expect(html).toContain('data-theme="dark"')
    expect(html).toContain('john')
  })
})
