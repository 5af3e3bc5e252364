import { describe, expect, it } from 'vitest'
import * as react from './index.js'

describe('@crumbs/client/react', () => {
  it('exports exactly its public runtime names', () => {
    expect(Object.keys(react).sort()).toMatchInlineSnapshot(`
      [
        "CookieProvider",
        "useCookie",
      ]
    `)
  })
})
