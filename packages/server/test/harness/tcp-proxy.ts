import { connect, createServer, type Server, type Socket } from 'node:net'

type Mode = 'open' | 'paused' | 'refusing'

/**
 * A loopback TCP proxy in front of a real server, to take it away mid-test: `pause()` holds every
 * byte (a hung server), `refuse()` drops every connection and refuses new ones (a server that
 * went away), `resume()` brings it back as it was.
 */
export class TcpProxy {
  readonly #server: Server
  readonly #sockets = new Set<Socket>()
  #held: [Socket, Buffer][] = []
  #mode: Mode = 'open'

  private constructor(server: Server) {
    this.#server = server
  }

  static async start(target: { host: string; port: number }): Promise<TcpProxy> {
    const server = createServer()
    const proxy = new TcpProxy(server)
    server.on('connection', (client) => proxy.#accept(client, target))
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    return proxy
  }

  get port(): number {
    return (this.#server.address() as { port: number }).port
  }

  pause(): void {
    this.#mode = 'paused'
  }

  refuse(): void {
    this.#mode = 'refusing'
    this.#held = []
    for (const socket of this.#sockets) socket.destroy()
  }

  resume(): void {
    this.#mode = 'open'
    for (const [socket, chunk] of this.#held.splice(0)) if (!socket.destroyed) socket.write(chunk)
  }

  async close(): Promise<void> {
    this.refuse()
    await new Promise((resolve) => this.#server.close(resolve))
  }

  #accept(client: Socket, target: { host: string; port: number }): void {
    if (this.#mode === 'refusing') {
      client.destroy()
      return
    }
    const upstream = connect(target.port, target.host)
    for (const [from, to] of [
      [client, upstream],
      [upstream, client],
    ] as const) {
      this.#sockets.add(from)
      from.on('data', (chunk) => {
        if (this.#mode === 'open') to.write(chunk)
        else if (this.#mode === 'paused') this.#held.push([to, chunk])
      })
      from.on('error', () => to.destroy())
      from.on('close', () => {
        this.#sockets.delete(from)
        to.destroy()
      })
    }
  }
}
