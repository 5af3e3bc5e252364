import { fileURLToPath } from 'node:url'
import { defineConfig, type Options } from 'tsup'

type Plugin = NonNullable<Options['esbuildPlugins']>[number]

// Each backend is built twice: ESM (`.js`, `.d.ts`) beside CommonJS (`.cjs`, `.d.cts`), chosen by
// the `import`/`require` conditions of `exports` (docs/architecture/dual-package.md).

/**
 * `#crypto-backend` is the one seam between runtimes: the default build binds it to Web Crypto,
 * the build served under the `node` export condition binds it to node:crypto.
 */
function cryptoBackend(file: string): Plugin {
  const path = fileURLToPath(new URL(`./src/crypto/${file}`, import.meta.url))
  return {
    name: 'crumbs-crypto-backend',
    setup(build) {
      build.onResolve({ filter: /^#crypto-backend$/ }, () => ({ path }))
    },
  }
}

const web: Options = {
  entry: { index: 'src/index.ts', engine: 'src/engine.ts' },
  platform: 'neutral',
  target: 'es2022',
  sourcemap: true,
  splitting: true,
  esbuildPlugins: [cryptoBackend('backend-web.ts')],
}
const node: Options = {
  entry: { 'index.node': 'src/index.ts', 'engine.node': 'src/engine.ts' },
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  splitting: true,
  esbuildPlugins: [cryptoBackend('backend-node.ts')],
}

// The four builds run at once, so none may clean: `pnpm build` empties dist/ first. Rollup
// splits the CommonJS builds (tsup's own CommonJS splitting would down-level `?.`).
export default defineConfig([
  { ...web, format: 'esm', dts: true },
  { ...web, format: 'cjs', dts: true, treeshake: true },
  { ...node, format: 'esm' },
  { ...node, format: 'cjs', treeshake: true },
])
