import type * as client from '../../src/index.js'

/**
 * The page's `window` as the tests see it: the client bundle as `crumbs`, and what a test
 * leaves there. Cast inside `page.evaluate`, which runs in the page.
 */
export type PageWindow = Window & {
  crumbs: typeof client
  seen: unknown[]
  jar?: unknown
}
