import { connect, createServer, type Server, type Socket } from 'node:net'

/**
 * A loopback TCP relay in front of a server that others share (the PostgreSQL on 5432), so the
 * soak can take it away from the example alone: `cut()` drops every relayed connection and
 * refuses new ones, `restore()` lets them through again.
 */
export class TcpCut {
  readonly #server: Server
  readonly #sockets = new Set<Socket>()
  #cut = false

  private constructor(server: Server) {
    this.#server = server
  }

  /** Listens on a free loopback port and relays to `port` on 127.0.0.1. */
  static async open(port: number): Promise<TcpCut> {
    const server = createServer()
    const relay = new TcpCut(server)
    server.on('connection', (client) => relay.#relay(client, port))
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    return relay
  }

  get port(): number {
    return (this.#server.address() as { port: number }).port
  }

  cut(): void {
    this.#cut = true
    for (const socket of this.#sockets) socket.destroy()
  }

  restore(): void {
    this.#cut = false
  }

  async close(): Promise<void> {
    this.cut()
    await new Promise((resolve) => this.#server.close(resolve))
  }

  #relay(client: Socket, port: number): void {
    if (this.#cut) {
      client.destroy()
      return
    }
    const upstream = connect(port, '127.0.0.1')
    for (const [from, to] of [
      [client, upstream],
      [upstream, client],
    ] as const) {
      this.#sockets.add(from)
      from.pipe(to)
      from.on('error', () => to.destroy())
      from.on('close', () => {
        this.#sockets.delete(from)
        to.destroy()
      })
    }
  }
}
