import { join } from 'node:path'
import { createExampleLog } from './example-log.js'
import { findAppDir } from './find-app-dir.js'
import { builtAssets } from './page-assets.js'
import { type RunningServer, startServer } from './start-server.js'
import { reportStartupFailure } from './startup-failure.js'

// `pnpm start`: the built page and server, on the embedded SQLite default.
const appDir = findAppDir(import.meta.url)
const webDir = join(appDir, 'dist', 'web')
// Every line goes through it: REDIS_URL and DATABASE_URL may carry passwords.
const log = createExampleLog(process.env)

let running: RunningServer
try {
  running = await startServer({
    env: process.env,
    appDir,
    assets: builtAssets(webDir),
    staticDir: webDir,
    log,
  })
} catch (error) {
  reportStartupFailure(error, log)
  process.exit(1)
}

log.info(`crumbs example: sessions in ${running.sessions}`)
log.info(`Listening on ${running.url}`)

let stopping = false
const stop = (signal: NodeJS.Signals) => {
  if (stopping) return
  stopping = true
  log.info(`${signal}: shutting down`)
  running.close().then(
    () => process.exit(0),
    (error: unknown) => {
      log.error('[example] shutdown failed:', error)
      process.exit(1)
    },
  )
}
process.once('SIGINT', stop)
process.once('SIGTERM', stop)
