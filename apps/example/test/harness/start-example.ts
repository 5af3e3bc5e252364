import { randomBytes } from 'node:crypto'
import { afterEach } from 'vitest'
import { type RunningServer, startServer } from '../../server/start-server.js'
import { tempDir } from './temp-dir.js'

/** A fresh random `SECRET_KEY` (256 bits). */
export const newSecretKey = (): string => randomBytes(32).toString('base64url')

const running: RunningServer[] = []
afterEach(async () => {
  await Promise.all(running.splice(0).map((server) => server.close()))
})

/** An example started in this process, closed after the current test. */
export interface StartedExample {
  readonly server: RunningServer
  /** `http://127.0.0.1:<port>`. */
  readonly base: string
  /** The folder standing in for apps/example: `.data/` lands under it. */
  readonly appDir: string
  /** Closes it (once) before the test ends, to start another on the same files. */
  close(): Promise<void>
}

/**
 * Starts the example in this process on a free loopback port, as `pnpm start` would from `env`
 * (plus PORT=0, HOST=127.0.0.1 and a random SECRET_KEY unless given), with `appDir` standing
 * in for apps/example (a fresh temp folder unless given: pass the same one to restart).
 */
export async function startExample(
  env: NodeJS.ProcessEnv = {},
  appDir: string = tempDir(),
): Promise<StartedExample> {
  const server = await startServer({
    env: { PORT: '0', HOST: '127.0.0.1', SECRET_KEY: newSecretKey(), ...env },
    appDir,
    assets: { head: '' },
  })
  running.push(server)
  let closed: Promise<void> | undefined
  return {
    server,
    base: server.url.replace('//localhost:', '//127.0.0.1:'),
    appDir,
    close() {
      const index = running.indexOf(server)
      if (index !== -1) running.splice(index, 1)
      closed ??= server.close()
      return closed
    },
  }
}
