import type http from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach } from 'vitest'

/** A server listening on 127.0.0.1. */
export interface RunningHost {
  readonly url: string
  close(): Promise<void>
}

/** Listens on a free port of 127.0.0.1; `close` drops kept-alive connections too. */
export function listen(server: http.Server): Promise<RunningHost> {
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo
      resolve({
        url: `http://127.0.0.1:${port}`,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections()
            server.close(() => done())
          }),
      })
    })
  })
}

/**
 * For a test file's top level: the returned function listens like {@link listen} and answers
 * the URL, and every server it started closes after each test.
 */
export function loopbackServers(): (server: http.Server) => Promise<string> {
  const running: RunningHost[] = []
  afterEach(async () => {
    await Promise.all(running.splice(0).map((host) => host.close()))
  })
  return async (server) => {
    const host = await listen(server)
    running.push(host)
    return host.url
  }
}
