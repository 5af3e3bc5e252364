import { builtinModules } from 'node:module'
import { fileURLToPath } from 'node:url'
import { configDefaults, defineConfig, type Plugin } from 'vitest/config'

const path = (relative: string) => fileURLToPath(new URL(relative, import.meta.url))

// Workspace packages resolve to their TypeScript sources (the `@crumbs/source` export
// condition) ahead of Vite's own server conditions, so tests run without building what they
// import, and @crumbs/core still picks its node:crypto backend under `node`.
const NODE_CONDITIONS = ['@crumbs/source', 'module', 'node', 'development|production']

/** The code crumbs ships: the sources of this package and of @crumbs/core, not their tests. */
const SHIPPED = new RegExp(
  `^(?:${[path('./src/'), path('../core/src/')].map((dir) => dir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')}).*(?<!\\.test)\\.ts$`,
)
const BUILTINS = new Set(builtinModules)
/** The specifier of each import or re-export that stays in the output (not `import type`). */
const IMPORTED =
  /(?:^|[;\s])(?:import|export)(?!\s+type\b)[\s\w{},*$]*?(?:from\s*)?['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]/g

/**
 * Fails the edge project when shipped code imports a Node built-in or uses the Buffer global,
 * which vitest's edge-runtime environment would otherwise still provide (it runs in Node). The
 * tests and the harness around them may use Node.
 */
function edgeClean(): Plugin {
  return {
    name: 'crumbs-edge-clean',
    enforce: 'pre',
    // Vite hands built-ins to Node without resolving them, so the check reads the source.
    transform(code, id) {
      if (!SHIPPED.test(id)) return null
      // Comments may name Buffer or a module; code may not.
      const uncommented = code.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '')
      for (const [, specifier] of uncommented.matchAll(IMPORTED)) {
        if (specifier !== undefined && (specifier.startsWith('node:') || BUILTINS.has(specifier))) {
          this.error(`${id} imports the Node built-in ${specifier}, which edge runtimes lack`)
        }
      }
      if (/\bBuffer\s*[.(]/.test(uncommented)) {
        this.error(`${id} uses Buffer, which edge runtimes lack`)
      }
      return null
    },
  }
}

export default defineConfig({
  test: {
    // Real HTTP, Redis, SQLite and Flask under a loaded 2-core CI machine need headroom.
    testTimeout: 30_000,
    hookTimeout: 30_000,
    projects: [
      {
        extends: true,
        ssr: { resolve: { conditions: NODE_CONDITIONS } },
        test: {
          name: 'node',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
          exclude: [...configDefaults.exclude, '**/*.edge.test.ts'],
          // One Redis Cluster for the run, shared by the cluster tests (a few seconds to start).
          globalSetup: ['test/harness/redis-cluster-setup.ts'],
        },
      },
      {
        // The fetch path on the edge runtime's globals (@edge-runtime/vm) with core's Web Crypto
        // backend, as a worker bundle would run it: the codecs (sealed, signed, Flask), the
        // memory store and the fetch side of the adapter contract (the engine's own unit tests
        // count on node:crypto answering synchronously).
        extends: true,
        plugins: [edgeClean()],
        resolve: { alias: { '#crypto-backend': path('../core/src/crypto/backend-web.ts') } },
        ssr: { resolve: { conditions: ['@crumbs/source', 'edge-light', 'worker', 'module'] } },
        test: {
          name: 'edge',
          environment: 'edge-runtime',
          include: [
            'src/codecs/**/*.test.ts',
            'src/stores/memory-store.test.ts',
            'test/adapter-contract.test.ts',
            'test/*.edge.test.ts',
            'test/fetch-*.test.ts',
            'test/hono-*.test.ts',
          ],
          provide: { fetchHostsOnly: true },
        },
      },
    ],
  },
})
