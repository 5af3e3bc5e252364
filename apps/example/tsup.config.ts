import { defineConfig } from 'tsup'

// The server only; its dependencies stay in node_modules (better-sqlite3 is a native addon).
export default defineConfig({
  entry: { 'server/main': 'server/main.ts' },
  format: 'esm',
  platform: 'node',
  target: 'node20',
  outDir: 'dist',
  clean: false,
  sourcemap: true,
  dts: false,
})
