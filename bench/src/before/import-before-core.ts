import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { Core } from '../micro/micro-cases.js'

/** A before-build's @crumbs/core, loaded into this process beside the working tree's. */
export interface BeforeCore {
  /** What Node's `node` export condition serves: the node:crypto build. */
  readonly node: Core
  /** The Web Crypto build beside it, when that revision has one. */
  readonly web: Core | undefined
}

/**
 * Imports the before-build's @crumbs/core as its exports map serves it under Node, and the
 * Web Crypto build (`index.js`) beside that file, as the bench loads the working tree's.
 */
export async function importBeforeCore(resolveFrom: string): Promise<BeforeCore> {
  const { resolve } = (await import(resolveFrom)) as { resolve(specifier: string): string }
  const nodeUrl = resolve('@crumbs/core')
  const webUrl = new URL('./index.js', nodeUrl).href
  const hasWeb = webUrl !== nodeUrl && existsSync(fileURLToPath(webUrl))
  return {
    node: (await import(nodeUrl)) as Core,
    web: hasWeb ? ((await import(webUrl)) as Core) : undefined,
  }
}
