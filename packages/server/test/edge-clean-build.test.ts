import { existsSync, readFileSync, realpathSync } from 'node:fs'
import { builtinModules } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

// The BUILT fetch and hono entries, followed import by import the way a worker bundler resolves them (the
// `worker`/`browser`/`import`/`default` export conditions, never `node`), into @crumbs/core and
// pako: not one Node built-in anywhere in it.

const packageRoot = join(dirname(fileURLToPath(import.meta.url)), '..')
function dist(file: string): string {
  const path = join(packageRoot, 'dist', file)
  if (!existsSync(path)) throw new Error(`dist/${file} is missing: run \`pnpm build\` first`)
  return path
}
const BUILTINS = new Set(builtinModules)
const EDGE_CONDITIONS = new Set(['edge-light', 'worker', 'browser', 'import', 'default'])

/** What each static import, re-export and side-effect import of a module names. */
const STATIC = /(?:^|[;\s])(?:import|export)[\s\w{},*$]*?(?:from\s*)?["']([^"']+)["']/g
const DYNAMIC = /\bimport\(\s*["']([^"']+)["']\s*\)/g

const isBuiltin = (specifier: string) => specifier.startsWith('node:') || BUILTINS.has(specifier)

/** The first target of an `exports` value whose condition a worker bundler would match. */
function pick(target: unknown): string | undefined {
  if (typeof target === 'string') return target
  if (typeof target !== 'object' || target === null) return undefined
  for (const [condition, value] of Object.entries(target)) {
    if (EDGE_CONDITIONS.has(condition)) return pick(value)
  }
  return undefined
}

/** The file a bare specifier names from `importer`, by node_modules lookup and `exports`. */
function resolveBare(specifier: string, importer: string): string {
  const parts = specifier.split('/')
  const name = specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!
  const subpath = `.${specifier.slice(name.length)}`
  for (let dir = dirname(importer); dir !== dirname(dir); dir = dirname(dir)) {
    const root = join(dir, 'node_modules', name)
    if (!existsSync(join(root, 'package.json'))) continue
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))
    const exports = typeof manifest.exports === 'object' ? manifest.exports : undefined
    const target = exports === undefined ? manifest.module : pick(exports[subpath])
    if (typeof target !== 'string') throw new Error(`${specifier}: no export for a worker`)
    return realpathSync(join(root, target))
  }
  throw new Error(`${specifier} is not installed (from ${importer})`)
}

interface Graph {
  /** Every module reached, static and dynamic imports alike. */
  readonly files: readonly string[]
  /** Node built-ins named by any of them, with the module that names each. */
  readonly builtins: readonly string[]
}

function walk(...entries: string[]): Graph {
  const seen = new Set<string>()
  const builtins: string[] = []
  const queue = entries.map((entry) => realpathSync(entry))
  for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
    if (seen.has(file)) continue
    seen.add(file)
    const code = readFileSync(file, 'utf8')
    for (const match of [...code.matchAll(STATIC), ...code.matchAll(DYNAMIC)]) {
      const specifier = match[1]!
      if (isBuiltin(specifier)) builtins.push(`${specifier} in ${file}`)
      else if (specifier.startsWith('.')) queue.push(realpathSync(join(dirname(file), specifier)))
      else queue.push(resolveBare(specifier, file))
    }
  }
  return { files: [...seen], builtins }
}

describe('the built fetch and hono entries', () => {
  it('imports no Node built-in down to @crumbs/core and pako, with the hono entry and the memory store', () => {
    const graph = walk(dist('fetch.js'), dist('hono.js'), dist('stores/memory.js'))
    expect(graph.builtins).toEqual([])
    // The walk went through the chunks into core's default (Web Crypto) build and pako.
    const reached = graph.files.map((file) => file.replace(/^.*\/packages\//, ''))
    expect(reached).toEqual(
      expect.arrayContaining([
        'server/dist/fetch.js',
        'server/dist/hono.js',
        'server/dist/stores/memory.js',
        'core/dist/index.js',
        'core/dist/engine.js',
      ]),
    )
    expect(graph.files.some((file) => file.endsWith('pako.esm.mjs'))).toBe(true)
    expect(reached.some((file) => file.startsWith('server/dist/chunk-'))).toBe(true)
  })

  it("finds the built-ins of the node entry and of core's node build, so it can fail", () => {
    expect(walk(dist('node.js')).builtins.join('\n')).toMatch(/^(node:)?http in .*chunk-/m)
    const coreNode = realpathSync(join(packageRoot, 'node_modules/@crumbs/core/dist/index.node.js'))
    expect(walk(coreNode).builtins.join('\n')).toMatch(/^(node:)?crypto in /m)
  })
})
