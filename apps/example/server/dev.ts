import { join } from 'node:path'
import { createServer } from 'vite'
import { createExampleLog } from './example-log.js'
import { findAppDir } from './find-app-dir.js'
import { devAssets } from './page-assets.js'
import { startServer } from './start-server.js'
import { reportStartupFailure } from './startup-failure.js'

// `pnpm dev`: the server from source (tsx restarts it on change) with Vite's dev server in
// middleware mode, so edits under web/ reload the page.
const appDir = findAppDir(import.meta.url)
const log = createExampleLog(process.env)
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
    log,
  })
  log.info(`crumbs example (dev, hot reload): sessions in ${running.sessions}`)
  log.info(`Listening on ${running.url}`)
  const stop = () => {
    void Promise.all([running.close(), vite.close()]).then(() => process.exit(0))
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
} catch (error) {
  await vite.close()
  reportStartupFailure(error, log)
  process.exit(1)
}
