import { join } from 'node:path'
import { findAppDir } from './find-app-dir.js'
import { builtAssets } from './page-assets.js'
import { type RunningServer, startServer } from './start-server.js'
import { StartupError } from './startup-error.js'

// `pnpm start`: the built page and server, on the embedded SQLite default.
const appDir = findAppDir(import.meta.url)
const webDir = join(appDir, 'dist', 'web')

let running: RunningServer
try {
  running = await startServer({
    env: process.env,
    appDir,
    assets: builtAssets(webDir),
    staticDir: webDir,
  })
} catch (error) {
  if (
    !(error instanceof StartupError) &&
    (error as { code?: unknown }).code !== 'SECRET_TOO_SHORT'
  ) {
    throw error
  }
  console.error(`\n✖ The example cannot start: ${(error as Error).message}\n`)
  process.exit(1)
}

console.log(`crumbs example: sessions in ${running.sessions}`)
console.log(`Listening on ${running.url}`)

let stopping = false
const stop = (signal: NodeJS.Signals) => {
  if (stopping) return
  stopping = true
  console.log(`${signal}: shutting down`)
  running.close().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error('[example] shutdown failed:', error)
      process.exit(1)
    },
  )
}
process.once('SIGINT', stop)
process.once('SIGTERM', stop)
