import type { Answer, SoakClient } from './soak-client.js'
import { keepCookies } from './soak-client.js'
import { fail, type SoakTally } from './soak-tally.js'

/** The demo users every virtual user logs in as (the throttle counts only failed logins). */
const ACCOUNTS = [
  { username: 'john', password: 'password123' },
  { username: 'jane', password: 'secret123' },
] as const

/** Shares of the actions of a logged-in user; a logged-out one logs in. */
export interface SoakMix {
  readonly logout: number
  readonly write: number
}

/** What the whole run shares: the client, the tally, and whether a store outage is on. */
export interface SoakContext {
  readonly client: SoakClient
  readonly tally: SoakTally
  readonly mix: SoakMix
  /** Whether a 503 now is explained by an outage (one is on, or ended a moment ago). */
  outageOn(): boolean
  /** Takes one request from the budget; false once it is spent. */
  take(): boolean
  /** Cookies of sessions logged out with a 2xx, checked again when the run ends. */
  readonly loggedOut: Map<string, string>[]
}

const OUTAGE_CODES = ['STORE_UNAVAILABLE', 'THROTTLE_UNAVAILABLE']

/**
 * A store outage's 503: the example's JSON naming the code, or crumbs' own answer when the
 * failure came after the route (a commit as headers go out), which it gives for
 * STORE_UNAVAILABLE only: text `Service Unavailable` with `Retry-After`.
 */
function isOutage(answer: Answer): boolean {
  if (answer.status !== 503) return false
  if (OUTAGE_CODES.includes(answer.body.code as string)) return true
  return answer.text === 'Service Unavailable' && answer.retryAfter !== undefined
}

/**
 * One browser: its own cookie jar, logged in as a demo user, reading, counting and logging out,
 * and checking every answer against what it knows happened.
 */
export class VirtualUser {
  readonly #jar = new Map<string, string>()
  readonly #ctx: SoakContext
  readonly #name: string
  #state: 'out' | 'in' | 'unknown' = 'out'
  /** The counter is at least `lo` and at most `hi`: `hi` grows with writes of unknown outcome. */
  #counter = { lo: 0, hi: 0 }

  constructor(ctx: SoakContext, index: number) {
    this.#ctx = ctx
    this.#name = `vu${index}`
  }

  get loggedIn(): boolean {
    return this.#state === 'in'
  }

  /** Runs until the request budget is spent. */
  async run(): Promise<void> {
    while (await this.step()) {}
  }

  /** One action; false once the budget is spent. */
  async step(): Promise<boolean> {
    if (this.#state === 'out') return this.#logIn()
    if (this.#state === 'unknown') return this.#whoAmI()
    const r = Math.random()
    if (r < this.#ctx.mix.logout) return this.#logOut()
    if (r < this.#ctx.mix.logout + this.#ctx.mix.write) return this.#write()
    return Math.random() < 0.5 ? this.#whoAmI() : this.#readCounter()
  }

  /** Sends one request within the budget; `undefined` when spent or the connection failed. */
  async #send(method: 'GET' | 'POST', path: string, body?: unknown, jar = this.#jar) {
    if (!this.#ctx.take()) return 'spent' as const
    const { tally } = this.#ctx
    tally.requests++
    let answer: Answer
    try {
      const csrf = method === 'POST' ? (jar.get('csrf_token') ?? '') : undefined
      answer = await this.#ctx.client.send(method, path, jar, body, csrf)
    } catch (error) {
      fail(tally, 'transportErrors', `${this.#name} ${method} ${path}: ${(error as Error).message}`)
      return undefined
    }
    tally.statuses[answer.status] = (tally.statuses[answer.status] ?? 0) + 1
    if (jar === this.#jar) keepCookies(jar, answer.setCookies)
    if (answer.status >= 500) {
      if (isOutage(answer)) {
        tally.outage503++
        if (!this.#ctx.outageOn()) {
          fail(tally, 'outage503Outside', `${this.#name} ${method} ${path}: ${answer.status}`)
        }
      } else {
        fail(
          tally,
          'unexpected5xx',
          `${this.#name} ${method} ${path}: ${answer.status} ${JSON.stringify(answer.body)}`,
        )
      }
    }
    return answer
  }

  #unexpected(what: string, answer: Answer): void {
    fail(
      this.#ctx.tally,
      'unexpected',
      `${this.#name} ${what}: ${answer.status} ${JSON.stringify(answer.body)}`,
    )
  }

  async #logIn(): Promise<boolean> {
    // The login page hands out the csrf_token cookie the API call sends back.
    if (!this.#jar.has('csrf_token')) {
      const page = await this.#send('GET', '/login')
      if (page === 'spent') return false
      return true
    }
    const account = ACCOUNTS[Math.floor(Math.random() * ACCOUNTS.length)]!
    const answer = await this.#send('POST', '/api/login', account)
    if (answer === 'spent') return false
    if (answer === undefined || answer.status === 503) return true
    if (answer.status === 200) {
      this.#state = 'in'
      // A logged-out session starts with no counter, and the login keeps the session's data.
      this.#counter = { lo: 0, hi: 0 }
    } else {
      // A 403 means the token went stale with the session: fetch the page again.
      if (answer.status === 403) this.#jar.delete('csrf_token')
      this.#unexpected('login', answer)
    }
    return true
  }

  async #whoAmI(): Promise<boolean> {
    const answer = await this.#send('GET', '/api/me')
    if (answer === 'spent') return false
    if (answer === undefined || answer.status === 503) return true
    if (answer.status !== 200) {
      this.#unexpected('GET /api/me', answer)
      return true
    }
    const user = answer.body.user
    if (this.#state === 'unknown') {
      this.#state = user === null ? 'out' : 'in'
      if (user === null) {
        this.#counter = { lo: 0, hi: 0 }
        // The session ended with a logout whose answer was lost, and its form token with it:
        // fetch the login page again, as the page would after an error.
        this.#jar.delete('csrf_token')
      }
    } else if (user === null) {
      fail(this.#ctx.tally, 'lostLogins', `${this.#name}: logged out without a logout`)
      this.#state = 'out'
    }
    return true
  }

  #check(counter: unknown, what: string): void {
    const { tally } = this.#ctx
    if (typeof counter !== 'number') {
      fail(tally, 'unexpected', `${this.#name} ${what}: counter ${String(counter)}`)
      return
    }
    const { lo, hi } = this.#counter
    if (counter < lo)
      fail(tally, 'lostWrites', `${this.#name} ${what}: ${counter}, expected ≥ ${lo}`)
    if (counter > hi)
      fail(tally, 'phantomWrites', `${this.#name} ${what}: ${counter}, expected ≤ ${hi}`)
    this.#counter = { lo: counter, hi: counter }
  }

  async #readCounter(): Promise<boolean> {
    const answer = await this.#send('GET', '/api/counter')
    if (answer === 'spent') return false
    if (answer === undefined || answer.status === 503) return true
    if (answer.status === 200) this.#check(answer.body.counter, 'GET /api/counter')
    else this.#unexpected('GET /api/counter', answer)
    return true
  }

  async #write(): Promise<boolean> {
    const answer = await this.#send('POST', '/api/counter', {})
    if (answer === 'spent') return false
    if (answer === undefined || answer.status === 503) {
      // It may have landed before the failure: the counter may be one higher.
      this.#ctx.tally.uncertainWrites++
      this.#counter = { lo: this.#counter.lo, hi: this.#counter.hi + 1 }
      return true
    }
    if (answer.status === 200) {
      this.#counter = { lo: this.#counter.lo + 1, hi: this.#counter.hi + 1 }
      this.#check(answer.body.counter, 'POST /api/counter')
    } else if (answer.status === 401) {
      fail(this.#ctx.tally, 'lostLogins', `${this.#name}: POST /api/counter answered 401`)
      this.#state = 'out'
    } else {
      this.#unexpected('POST /api/counter', answer)
    }
    return true
  }

  async #logOut(): Promise<boolean> {
    const before = new Map(this.#jar)
    const answer = await this.#send('POST', '/api/logout', {})
    if (answer === 'spent') return false
    if (answer === undefined || answer.status === 503) {
      this.#state = 'unknown'
      return true
    }
    if (answer.status !== 200) {
      this.#unexpected('logout', answer)
      this.#state = 'unknown'
      return true
    }
    this.#state = 'out'
    this.#ctx.loggedOut.push(before)
    // The cookie from before the logout, replayed at once: it must be a visitor's now.
    const replay = await this.#send('GET', '/api/me', undefined, new Map(before))
    if (replay === 'spent' || replay === undefined || replay.status === 503)
      return replay !== 'spent'
    if (replay.status === 200 && replay.body.user !== null) {
      fail(this.#ctx.tally, 'logoutsNotHonoured', `${this.#name}: a copied cookie still logs in`)
    }
    return true
  }

  /** After the run: the counter must be what the answered writes made it. */
  async finalCheck(): Promise<void> {
    if (this.#state !== 'in') return
    const answer = await this.#ctx.client.send('GET', '/api/counter', this.#jar)
    if (answer.status === 200) this.#check(answer.body.counter, 'final GET /api/counter')
    else this.#unexpected('final GET /api/counter', answer)
  }
}
