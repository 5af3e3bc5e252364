/**
 * `pnpm soak`: the built example (`apps/example/dist/server/main.js`) under many virtual users'
 * logins, reads, counter writes and logouts, on SQLite, Redis and PostgreSQL in turn, while its
 * store fails twice. Checks that no 5xx but a store outage's 503 is seen, and only during an
 * outage; that no write answered 2xx is lost; that every logout ends the session; and that the
 * server's RSS after the run is within 10 % of its level after warm-up. Exits 1 when a check
 * fails. See bench/README.md, "Soak".
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { SoakClient } from './soak-client.js'
import { openSoakStore, type SoakStore } from './soak-faults.js'
import { FAILURES, fail, newTally, type SoakTally } from './soak-tally.js'
import { type SoakContext, VirtualUser } from './virtual-user.js'

const MAIN = fileURLToPath(new URL('../../../apps/example/dist/server/main.js', import.meta.url))
const STORES = ['sqlite', 'redis', 'postgres'] as const

function whole(variable: string, fallback: number): number {
  const value = process.env[variable]
  if (value === undefined || value === '') return fallback
  const n = Number(value)
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${variable} must be a number above 0`)
  return n
}

const REQUESTS = whole('SOAK_REQUESTS', 100_000)
const USERS = whole('SOAK_USERS', 100)
const WARMUP = whole('SOAK_WARMUP', Math.min(10_000, REQUESTS / 10))
const OUTAGE_SECONDS = whole('SOAK_OUTAGE_SECONDS', 7)
/** Seconds after an outage ends during which a 503 is still put down to it (reconnects). */
const GRACE_SECONDS = 10
/** The RSS check: after the run, within this share of the level after warm-up. */
const RSS_TOLERANCE = 0.1
const MIX = { logout: 0.01, write: 0.33 }
const stores = (process.env.SOAK_STORES || STORES.join(',')).split(',').map((s) => s.trim())
for (const s of stores)
  if (!STORES.includes(s as never)) throw new Error(`SOAK_STORES: unknown "${s}"`)

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/** The example's resident set size in KiB, from /proc. */
async function rssKiB(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8')
  return Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1] ?? Number.NaN)
}

/** Starts the built example with `env` on a free loopback port; resolves with its origin. */
async function startExample(
  env: Record<string, string>,
): Promise<{ child: ChildProcess; origin: string; output: () => string }> {
  const child = spawn(process.execPath, [MAIN], {
    env: {
      PATH: process.env.PATH,
      HOST: '127.0.0.1',
      PORT: '0',
      SECRET_KEY: randomBytes(32).toString('base64url'),
      SEED_DEMO_USERS: '1',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  const port = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`the example did not listen:\n${output}`)),
      30_000,
    )
    const collect = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-20_000)
      const match = /Listening on http:\/\/localhost:(\d+)/.exec(output)
      if (match) {
        clearTimeout(timer)
        resolve(match[1]!)
      }
    }
    child.stdout!.on('data', collect)
    child.stderr!.on('data', collect)
    child.once('exit', (code) => reject(new Error(`the example exited (${code}):\n${output}`)))
  })
  return { child, origin: `http://127.0.0.1:${port}`, output: () => output }
}

interface StoreReport {
  readonly store: string
  readonly fault: string
  readonly seconds: number
  readonly tally: SoakTally
  readonly outages: { atRequest: number; seconds: number }[]
  readonly rssAfterWarmupKiB: number
  readonly rssAfterRunKiB: number
  readonly logoutsRechecked: number
  /** Requests sent again after a stale keep-alive connection was reset. */
  readonly resent: number
  readonly failed: string[]
}

async function soak(store: SoakStore): Promise<StoreReport> {
  const example = await startExample(store.env)
  const pid = example.child.pid!
  const client = new SoakClient(example.origin, USERS)
  const tally = newTally()
  const outages: { atRequest: number; seconds: number }[] = []
  let outageUntil = 0
  let outageOn = false
  let budget = WARMUP
  const loggedOut: Map<string, string>[] = []
  const ctx: SoakContext = {
    client,
    tally,
    mix: MIX,
    outageOn: () => outageOn || Date.now() < outageUntil,
    take: () => budget-- > 0,
    loggedOut,
  }
  const users = Array.from({ length: USERS }, (_, i) => new VirtualUser(ctx, i))
  const started = Date.now()
  try {
    // Warm-up: the same mix, not counted, then the RSS baseline.
    await Promise.all(users.map((u) => u.run()))
    const warm = { ...tally, statuses: { ...tally.statuses }, examples: [...tally.examples] }
    Object.assign(tally, newTally(), { examples: warm.examples })
    for (const kind of FAILURES) tally[kind] += warm[kind]
    await sleep(1000)
    const rssAfterWarmupKiB = await rssKiB(pid)

    budget = REQUESTS
    const faults = (async () => {
      for (const share of [0.3, 0.65]) {
        while (REQUESTS - budget < REQUESTS * share && budget > 0) await sleep(50)
        if (budget <= 0) return
        outages.push({ atRequest: tally.requests, seconds: OUTAGE_SECONDS })
        outageOn = true
        console.log(`  ${store.name}: outage at request ${tally.requests} (${store.fault})`)
        await store.outage(OUTAGE_SECONDS)
        outageOn = false
        outageUntil = Date.now() + GRACE_SECONDS * 1000
      }
    })()
    const progress = setInterval(() => {
      console.log(`  ${store.name}: ${tally.requests} requests, ${tally.outage503} outage 503s`)
    }, 15_000)
    await Promise.all(users.map((u) => u.run()))
    clearInterval(progress)
    await faults
    // Wait out the grace, then check every user's counter and every logged-out cookie.
    while (Date.now() < outageUntil) await sleep(100)
    for (const u of users) await u.finalCheck()
    for (const jar of loggedOut) {
      const answer = await client.send('GET', '/api/me', jar)
      if (answer.status !== 200 || answer.body.user !== null) {
        fail(
          tally,
          'logoutsNotHonoured',
          `final recheck: ${answer.status} ${JSON.stringify(answer.body)}`,
        )
      }
    }
    await sleep(1000)
    const rssAfterRunKiB = await rssKiB(pid)
    const failed: string[] = FAILURES.filter((kind) => tally[kind] > 0).map(
      (kind) => `${kind} ${tally[kind]}`,
    )
    if (rssAfterRunKiB > rssAfterWarmupKiB * (1 + RSS_TOLERANCE)) {
      failed.push(`RSS grew from ${rssAfterWarmupKiB} to ${rssAfterRunKiB} KiB`)
    }
    if (tally.requests < REQUESTS) failed.push(`only ${tally.requests} requests sent`)
    if (example.child.exitCode !== null) failed.push('the example exited')
    return {
      store: store.name,
      fault: store.fault,
      seconds: (Date.now() - started) / 1000,
      tally,
      outages,
      rssAfterWarmupKiB,
      rssAfterRunKiB,
      logoutsRechecked: loggedOut.length,
      resent: client.resent,
      failed,
    }
  } finally {
    client.close()
    if (example.child.exitCode === null) {
      const exited = new Promise((resolve) => example.child.once('exit', resolve))
      example.child.kill('SIGTERM')
      await exited
    }
  }
}

const reports: StoreReport[] = []
console.log(
  `crumbs soak — ${new Date().toISOString()}: ${REQUESTS} requests per store after ${WARMUP} of warm-up, ${USERS} virtual users, mix login/read/write/logout ≈ 1/65/33/1 %, two ${OUTAGE_SECONDS} s outages per store`,
)
for (const name of stores) {
  console.log(`${name}:`)
  const store = await openSoakStore(name as (typeof STORES)[number])
  try {
    reports.push(await soak(store))
  } finally {
    await store.dispose()
  }
}

console.log('')
console.log(
  '| store | requests | s | statuses | outage 503s | uncertain writes | logouts rechecked | resent | RSS after warm-up → after (MiB) | result |',
)
console.log('| --- | ---: | ---: | --- | ---: | ---: | ---: | ---: | --- | --- |')
for (const r of reports) {
  const statuses = Object.entries(r.tally.statuses)
    .map(([status, n]) => `${status}: ${n}`)
    .join(', ')
  const rss = `${(r.rssAfterWarmupKiB / 1024).toFixed(0)} → ${(r.rssAfterRunKiB / 1024).toFixed(0)}`
  console.log(
    `| ${r.store} | ${r.tally.requests} | ${r.seconds.toFixed(0)} | ${statuses} | ${r.tally.outage503} | ${r.tally.uncertainWrites} | ${r.logoutsRechecked} | ${r.resent} | ${rss} | ${r.failed.length === 0 ? 'pass' : `FAIL: ${r.failed.join('; ')}`} |`,
  )
}
for (const r of reports)
  for (const example of r.tally.examples) console.log(`  ${r.store}: ${example}`)
process.exit(reports.every((r) => r.failed.length === 0) ? 0 : 1)
