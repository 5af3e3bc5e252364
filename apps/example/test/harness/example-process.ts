// The example as its own process for tests, from source: startServer with `EXAMPLE_APP_DIR`
// standing in for apps/example and no built page. Run by spawn-example.ts.
import { createExampleLog } from '../../server/example-log.js'
import { startServer } from '../../server/start-server.js'
import { reportStartupFailure } from '../../server/startup-failure.js'

const log = createExampleLog(process.env)
try {
  const running = await startServer({
    env: process.env,
    appDir: process.env.EXAMPLE_APP_DIR ?? process.cwd(),
    assets: { head: '' },
    log,
  })
  log.info(`crumbs example: sessions in ${running.sessions}`)
  log.info(`Listening on ${running.url}`)
  process.once('SIGTERM', () => {
    void running.close().then(() => process.exit(0))
  })
} catch (error) {
  reportStartupFailure(error, log)
  process.exit(1)
}
