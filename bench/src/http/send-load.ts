import autocannon from 'autocannon'

/** One bounded burst of keep-alive GETs against a server on loopback. */
export interface LoadOptions {
  /** `http://127.0.0.1:<port>`: the load generator never targets another host. */
  readonly origin: string
  readonly path: string
  /** The `Cookie` header of the logged-in session; empty for a bare server. */
  readonly cookie: string
  /** Requests to send, then stop. */
  readonly amount: number
  readonly connections: number
}

const LOOPBACK = /^http:\/\/127\.0\.0\.1:\d+$/

/**
 * Sends `amount` requests with autocannon, in this process, and throws if any failed, timed out,
 * or answered other than 2xx: a number measured over failing requests would be meaningless.
 */
export async function sendLoad(options: LoadOptions): Promise<void> {
  if (!LOOPBACK.test(options.origin)) throw new Error(`refusing to load ${options.origin}`)
  const result = await autocannon({
    url: options.origin + options.path,
    connections: options.connections,
    amount: options.amount,
    headers: options.cookie === '' ? {} : { cookie: options.cookie },
    timeout: 10,
    // autocannon reports "done" on its next sampling tick; 1 s by default would idle the server.
    sampleInt: 50,
  })
  const completed = result['2xx']
  if (result.errors > 0 || result.timeouts > 0 || result.non2xx > 0 || completed < options.amount) {
    throw new Error(
      `load on ${options.path} failed: ${completed}/${options.amount} 2xx, ${result.non2xx} non-2xx, ` +
        `${result.errors} errors, ${result.timeouts} timeouts`,
    )
  }
}
