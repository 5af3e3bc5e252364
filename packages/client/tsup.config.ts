import { defineConfig } from 'tsup'

// One entry, for the one public subpath; keep in step with the `exports` map in package.json.
export default defineConfig({
  entry: { index: 'src/index.ts' },
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  dts: true,
  clean: true,
  sourcemap: true,
})
