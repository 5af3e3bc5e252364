import { join } from 'node:path'
import { createServer } from 'vite'
import { findAppDir } from './find-app-dir.js'
import { devAssets } from './page-assets.js'
import { startServer } from './start-server.js'
import { StartupError } from './startup-error.js'

// `pnpm dev`: the server from source (tsx restarts it on change) with Vite's dev server in
// middleware mode, so edits under web/ reload the page.
const appDir = findAppDir(import.meta.url)
const vite = await createServer({
  configFile: join(appDir, 'vite.config.ts'),
  server: { middlewareMode: true, hmr: { port: 24_678 } },
  appType: 'custom',
})

try {
  const running = await startServer({
    env: process.env,
    appDir,
    assets: devAssets(),
    before: [vite.middlewares],
    contentSecurityPolicy: false,
  })
  console.log(`crumbs example (dev, hot reload): sessions in ${running.sessions}`)
  console.log(`Listening on ${running.url}`)
  const stop = () => {
    void Promise.all([running.close(), vite.close()]).then(() => process.exit(0))
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
} catch (error) {
  await vite.close()
  if (!(error instanceof StartupError)) throw error
  console.error(`\n✖ The example cannot start: ${error.message}\n`)
  process.exit(1)
}
