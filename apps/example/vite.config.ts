import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vite'

// The page is plain TypeScript; the server renders the HTML and links the built entry through
// the manifest, so the form works before (and without) any JavaScript.
export default defineConfig({
  root: fileURLToPath(new URL('web', import.meta.url)),
  base: '/assets/',
  build: {
    outDir: fileURLToPath(new URL('dist/web', import.meta.url)),
    emptyOutDir: true,
    manifest: true,
    // Files land at the top of dist/web, which the server serves under `base`.
    assetsDir: '.',
    rollupOptions: { input: fileURLToPath(new URL('web/main.ts', import.meta.url)) },
  },
})
