import { defineConfig, type Options } from 'tsup'

// One entry per public subpath; keep in step with the `exports` map in package.json. What both
// entries use lands in a shared chunk, so a page that imports both has one jar state. React, a
// peer dependency, stays external. ESM (`.js`, `.d.ts`) beside CommonJS (`.cjs`, `.d.cts`).
const shared: Options = {
  entry: { index: 'src/index.ts', react: 'src/react/index.ts' },
  platform: 'browser',
  target: 'es2022',
  dts: true,
  sourcemap: true,
  splitting: true,
}

// Both formats build at once, so neither may clean: `pnpm build` empties dist/ first. Rollup
// splits the CommonJS build (tsup's own CommonJS splitting would down-level `?.`).
export default defineConfig([
  { ...shared, format: 'esm' },
  { ...shared, format: 'cjs', treeshake: true },
])
