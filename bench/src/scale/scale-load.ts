import { Agent, request } from 'node:http'
import { performance } from 'node:perf_hooks'
import { sessionCookie } from './session-ids.js'

/** What one load run saw, from the client's side. */
export interface LoadResult {
  /** Milliseconds from sending each request to the end of its response. */
  readonly latencies: number[]
  /** Responses that were not a 200 greeting the filled user: a session the server lost. */
  readonly wrong: number
  /** Requests sent again after their kept-alive connection was found closed. */
  readonly resent: number
  readonly wallMs: number
}

/** A reused keep-alive connection the server had closed: no answer began. */
class StaleConnection extends Error {}

/** What to send: where, how much, as whom. */
export interface LoadPlan {
  readonly origin: string
  readonly path: string
  readonly connections: number
  /** Stops after this many requests… */
  readonly requests: number
  /** …or earlier, once this answers true (checked before each request). */
  readonly until?: () => boolean
  /** The run's id seed and how many sessions are live: each request picks one at random. */
  readonly tag: string
  readonly live: number
}

function get(agent: Agent, url: URL, cookie: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent, headers: { cookie } }, (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => {
        body += chunk
      })
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }))
      res.on('error', reject)
    })
    req.on('error', (error: NodeJS.ErrnoException) => {
      const reset = error.code === 'ECONNRESET' || error.code === 'EPIPE'
      reject(req.reusedSocket && reset ? new StaleConnection(error.message) : error)
    })
    req.end()
  })
}

/**
 * Sends `requests` GETs over `connections` keep-alive connections, each as a session picked at
 * random among the `live` filled ones, and times each one.
 */
export async function runLoad(plan: LoadPlan): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: plan.connections })
  const url = new URL(plan.path, plan.origin)
  const latencies: number[] = []
  let sent = 0
  let wrong = 0
  let resent = 0
  const started = performance.now()
  const worker = async () => {
    while (sent < plan.requests && !(plan.until?.() ?? false)) {
      sent++
      const cookie = await sessionCookie(plan.tag, Math.floor(Math.random() * plan.live))
      const t0 = performance.now()
      for (;;) {
        try {
          const { status, body } = await get(agent, url, cookie)
          // Timed from the first attempt: a resent request counts with its wait.
          latencies.push(performance.now() - t0)
          if (status !== 200 || !body.includes('john')) wrong++
          break
        } catch (error) {
          // A kept-alive connection the server closed as the request went out: a browser sends
          // the request again on a new one. Any other failure ends the run.
          if (!(error instanceof StaleConnection)) throw error
          resent++
        }
      }
    }
  }
  await Promise.all(Array.from({ length: plan.connections }, worker))
  agent.destroy()
  return { latencies, wrong, resent, wallMs: performance.now() - started }
}

/** The `p`-th percentile (0–100) of `values`, nearest rank. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!
}
