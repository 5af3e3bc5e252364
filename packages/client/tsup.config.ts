import { defineConfig } from 'tsup'

// One entry per public subpath; keep in step with the `exports` map in package.json. What both
// entries use lands in a shared chunk, so a page that imports both has one jar state. React, a
// peer dependency, stays external.
export default defineConfig({
  entry: { index: 'src/index.ts', react: 'src/react/index.ts' },
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  dts: true,
  clean: true,
  sourcemap: true,
})
