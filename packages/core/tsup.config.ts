import { fileURLToPath } from 'node:url'
import { defineConfig, type Options } from 'tsup'

type Plugin = NonNullable<Options['esbuildPlugins']>[number]

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

export default defineConfig([
  {
    entry: { index: 'src/index.ts', engine: 'src/engine.ts' },
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    dts: true,
    clean: true,
    sourcemap: true,
    esbuildPlugins: [cryptoBackend('backend-web.ts')],
  },
  {
    entry: { 'index.node': 'src/index.ts', 'engine.node': 'src/engine.ts' },
    format: 'esm',
    platform: 'node',
    target: 'node20',
    dts: false,
    sourcemap: true,
    esbuildPlugins: [cryptoBackend('backend-node.ts')],
  },
])
