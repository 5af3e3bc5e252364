import autocannon from 'autocannon'

/** One bounded burst of keep-alive GETs against a server on loopback. */
export interface LoadOptions {
  /** `http://127.0.0.1:<port>`: the load generator never targets another host. */
  readonly origin: string
  readonly path: string
  /**
   * The `Cookie` header each connection sends (empty for none): one entry per connection, each
   * connection then one autocannon run of its own (a user with a session of its own), or a
   * single entry that every connection of one run shares (all on one session).
   */
  readonly cookies: readonly string[]
  /** Requests to send, then stop. */
  readonly amount: number
  readonly connections: number
}

const LOOPBACK = /^http:\/\/127\.0\.0\.1:\d+$/

/** One autocannon run, checked: every request answered 2xx in time. */
async function burst(
  origin: string,
  path: string,
  cookie: string,
  amount: number,
  connections: number,
): Promise<void> {
  const result = await autocannon({
    url: origin + path,
    connections,
    amount,
    headers: cookie === '' ? {} : { cookie },
    timeout: 10,
    // autocannon reports "done" on its next sampling tick; 1 s by default would idle the server.
    sampleInt: 50,
  })
  const completed = result['2xx']
  if (result.errors > 0 || result.timeouts > 0 || result.non2xx > 0 || completed < amount) {
    throw new Error(
      `load on ${path} failed: ${completed}/${amount} 2xx, ${result.non2xx} non-2xx, ` +
        `${result.errors} errors, ${result.timeouts} timeouts`,
    )
  }
}

/**
 * Sends `amount` requests with autocannon, in this process, and throws if any failed, timed out,
 * or answered other than 2xx: a number measured over failing requests would be meaningless.
 * With one cookie per connection, each connection is its own autocannon run (autocannon sends
 * the same headers on every connection of one run), all at once, sharing `amount`.
 */
export async function sendLoad(options: LoadOptions): Promise<void> {
  const { origin, path, cookies, amount, connections } = options
  if (!LOOPBACK.test(origin)) throw new Error(`refusing to load ${origin}`)
  if (cookies.length <= 1) {
    await burst(origin, path, cookies[0] ?? '', amount, connections)
    return
  }
  if (cookies.length !== connections) {
    throw new Error(`${cookies.length} cookies for ${connections} connections`)
  }
  const share = Math.floor(amount / connections)
  await Promise.all(
    cookies.map((cookie, index) =>
      burst(origin, path, cookie, index === 0 ? amount - share * (connections - 1) : share, 1),
    ),
  )
}
