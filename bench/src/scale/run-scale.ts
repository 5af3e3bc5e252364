/**
 * `pnpm bench:scale`: per-request session CPU and p99 latency of crumbs store sessions with 10³,
 * 10⁵ and 10⁶ live sessions in SQLite, Redis and PostgreSQL, bytes per session, and the time to
 * purge 10⁶ expired sessions with the p99 of requests served meanwhile. Prints a table and writes
 * bench/results/scale-latest.json. See bench/README.md, "Scale".
 */
import { randomBytes } from 'node:crypto'
import { mkdir, writeFile } from 'node:fs/promises'
import { cpus, totalmem } from 'node:os'
import { performance } from 'node:perf_hooks'
import { CPUS, pinToCpu } from '../http/cpu-affinity.js'
import { ROUTES } from '../http/server-module.js'
import { killServers, type ServerProcess, spawnServer } from '../http/spawn-server.js'
import { openBackend, type ScaleBackend } from './scale-backends.js'
import { readScaleConfig, type ScaleConfig, type ScaleStore } from './scale-config.js'
import { percentile, runLoad } from './scale-load.js'

const SERVER = new URL('./scale-server.ts', import.meta.url).href
const RESULTS = new URL('../../results/', import.meta.url)
const DAY = 86_400_000
/** The longest a purge may take before the bench gives up on it. */
const PURGE_LIMIT_MS = 300_000

interface RouteRow {
  readonly cpuMicros: number
  readonly p50: number
  readonly p99: number
  readonly requests: number
  readonly wrong: number
}

interface SizeRow {
  readonly store: ScaleStore
  readonly live: number
  readonly fillSeconds: number
  readonly bytesPerSession: number
  readonly bytesHow: string
  readonly read: RouteRow
  readonly write: RouteRow
}

interface PurgeRow {
  readonly store: ScaleStore
  readonly expired: number
  /** From the moment the rows were expired (written, or their Redis expiry) to none left. */
  readonly purgeSeconds: number | null
  readonly how: string
  readonly p99: number
  readonly p50: number
  readonly requests: number
  readonly wrong: number
}

const log = (line: string) => console.log(line)
const fmt = (n: number, digits = 0) => (Number.isFinite(n) ? n.toFixed(digits) : '—')

async function measureRoute(
  server: ServerProcess,
  config: ScaleConfig,
  path: string,
  tag: string,
  live: number,
): Promise<RouteRow> {
  await server.start()
  const load = await runLoad({
    origin: server.origin,
    path,
    connections: config.connections,
    requests: config.requests,
    tag,
    live,
  })
  const window = await server.stop()
  return {
    cpuMicros: (window.userMicros + window.systemMicros) / window.requests,
    p50: percentile(load.latencies, 50),
    p99: percentile(load.latencies, 99),
    requests: window.requests,
    wrong: load.wrong,
  }
}

async function warm(
  server: ServerProcess,
  config: ScaleConfig,
  tag: string,
  live: number,
  n: number,
) {
  for (const path of [ROUTES.read, ROUTES.write]) {
    await runLoad({
      origin: server.origin,
      path,
      connections: config.connections,
      requests: n,
      tag,
      live,
    })
  }
}

/** Fills `backend` with expired sessions and serves reads until the store has purged them. */
async function measurePurge(
  backend: ScaleBackend,
  server: ServerProcess,
  config: ScaleConfig,
  tag: string,
  live: number,
): Promise<PurgeRow> {
  const n = config.expired
  let expiredAt: number
  let how: string
  const fillStart = Date.now()
  if (backend.store === 'redis') {
    // A key whose expiry is past is gone at once, so these get one shared expiry a little after
    // the fill is expected to end (timed on a first slice), and the clock starts there.
    const probe = Math.min(20_000, n)
    await backend.fill(live, live + probe, Date.now() + 3_600_000)
    const perKey = (Date.now() - fillStart) / probe
    expiredAt = Date.now() + Math.ceil(perKey * (n - probe) * 1.5) + 2_000
    await backend.fill(live + probe, live + n, expiredAt)
    // The probe slice expires with the rest.
    await backend.fill(live, live + probe, expiredAt)
    how =
      "Redis's own expiry (no purge call): from the keys' shared expiry time until INFO's expired_keys has grown by their number"
  } else {
    expiredAt = Date.now() - 3_600_000
    await backend.fill(live, live + n, expiredAt)
    expiredAt = Date.now()
    how =
      "the store's own batched purge on a 1 s timer: from the end of the insert of expired rows until none is left (includes up to 1 s until the timer fires)"
  }
  await backend.markPurge(n)
  log(
    `  ${backend.store}: ${n} expired sessions written in ${fmt((Date.now() - fillStart) / 1000, 1)} s; purging…`,
  )
  while (Date.now() < expiredAt) await new Promise((r) => setTimeout(r, 50))
  const started = performance.now()
  let left = await backend.expiredLeft()
  let done = left === 0
  let purgeSeconds: number | null = null
  const poll = (async () => {
    while (!done) {
      await new Promise((r) => setTimeout(r, 200))
      left = await backend.expiredLeft()
      if (left === 0) {
        purgeSeconds = (performance.now() - started) / 1000
        done = true
      } else if (performance.now() - started > PURGE_LIMIT_MS) {
        log(
          `  ${backend.store}: ${left} expired sessions still there after ${PURGE_LIMIT_MS / 1000} s`,
        )
        done = true
      }
    }
  })()
  const load = await runLoad({
    origin: server.origin,
    path: ROUTES.read,
    connections: config.connections,
    requests: Number.POSITIVE_INFINITY,
    until: () => done,
    tag,
    live,
  })
  await poll
  return {
    store: backend.store,
    expired: n,
    purgeSeconds,
    how,
    p50: percentile(load.latencies, 50),
    p99: percentile(load.latencies, 99),
    requests: load.latencies.length,
    wrong: load.wrong,
  }
}

async function benchStore(store: ScaleStore, config: ScaleConfig) {
  const tag = `${store}${randomBytes(4).toString('hex')}`
  const backend = await openBackend(store, tag)
  const rows: SizeRow[] = []
  let server: ServerProcess | undefined
  try {
    let live = 0
    for (const size of config.sizes) {
      const t0 = performance.now()
      await backend.fill(live, size, Date.now() + DAY)
      const fillSeconds = (performance.now() - t0) / 1000
      live = size
      const bytes = await backend.bytesPerSession(live)
      log(
        `  ${store}: ${live} live sessions (${fmt(fillSeconds, 1)} s to fill, ${fmt(bytes.bytes)} B each)`,
      )
      if (server === undefined) {
        Object.assign(process.env, backend.serverEnv)
        server = await spawnServer(SERVER)
        await warm(server, config, tag, live, config.warmup)
      } else {
        await warm(server, config, tag, live, Math.min(2_000, config.requests))
      }
      const read = await measureRoute(server, config, ROUTES.read, tag, live)
      const write = await measureRoute(server, config, ROUTES.write, tag, live)
      rows.push({
        store,
        live,
        fillSeconds,
        bytesPerSession: bytes.bytes,
        bytesHow: bytes.how,
        read,
        write,
      })
      log(
        `  ${store} @ ${live}: read ${fmt(read.cpuMicros)} µs/req p99 ${fmt(read.p99, 2)} ms; write ${fmt(write.cpuMicros)} µs/req p99 ${fmt(write.p99, 2)} ms`,
      )
    }
    const purge = await measurePurge(backend, server!, config, tag, live)
    log(
      `  ${store}: purge ${purge.purgeSeconds === null ? 'unfinished' : `${fmt(purge.purgeSeconds, 1)} s`}, p99 meanwhile ${fmt(purge.p99, 2)} ms`,
    )
    return { rows, purge }
  } finally {
    await server?.close()
    await backend.dispose()
  }
}

function ratio(rows: SizeRow[], pick: (row: SizeRow) => number): number {
  const first = rows[0]
  const last = rows.at(-1)
  return first === undefined || last === undefined ? Number.NaN : pick(last) / pick(first)
}

function printTables(rows: SizeRow[], purges: PurgeRow[], config: ScaleConfig): void {
  log('')
  log(
    '| store | live sessions | B/session | read µs/req | read p99 ms | write µs/req | write p99 ms | wrong |',
  )
  log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |')
  for (const r of rows) {
    log(
      `| ${r.store} | ${r.live} | ${fmt(r.bytesPerSession)} | ${fmt(r.read.cpuMicros)} | ${fmt(r.read.p99, 2)} | ${fmt(r.write.cpuMicros)} | ${fmt(r.write.p99, 2)} | ${r.read.wrong + r.write.wrong} |`,
    )
  }
  const [small, large] = [config.sizes[0], config.sizes.at(-1)]
  log('')
  log(`| store | ratio ${large}/${small}: read CPU | read p99 | write CPU | write p99 | target |`)
  log('| --- | ---: | ---: | ---: | ---: | --- |')
  for (const store of config.stores) {
    const mine = rows.filter((r) => r.store === store)
    const ratios = [
      ratio(mine, (r) => r.read.cpuMicros),
      ratio(mine, (r) => r.read.p99),
      ratio(mine, (r) => r.write.cpuMicros),
      ratio(mine, (r) => r.write.p99),
    ]
    const missed = ratios.filter((x) => x > 1.2).length
    log(
      `| ${store} | ${ratios.map((x) => `${fmt(x, 2)}×`).join(' | ')} | ${missed === 0 ? 'met (≤ 1.2×)' : `missed on ${missed} of 4`} |`,
    )
  }
  log('')
  log('| store | expired | purge s | p99 ms during | p50 ms during | requests during | wrong |')
  log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |')
  for (const p of purges) {
    log(
      `| ${p.store} | ${p.expired} | ${p.purgeSeconds === null ? 'unfinished' : fmt(p.purgeSeconds, 1)} | ${fmt(p.p99, 2)} | ${fmt(p.p50, 2)} | ${p.requests} | ${p.wrong} |`,
    )
  }
}

const config = readScaleConfig(process.env)
const startedAt = new Date()
const pinned = CPUS !== undefined && pinToCpu(process.pid, CPUS.load)
log(
  `crumbs bench:scale — ${startedAt.toISOString()}, ${cpus()[0]?.model ?? 'cpu'} × ${cpus().length}, ${fmt(totalmem() / 2 ** 30)} GiB; ${pinned ? `load on CPU ${CPUS?.load}, server on CPU ${CPUS?.server}` : 'not pinned'}`,
)
log(
  `sizes ${config.sizes.join(', ')}; stores ${config.stores.join(', ')}; ${config.requests} requests per route and size over ${config.connections} connections; ${config.expired} expired for the purge`,
)
const rows: SizeRow[] = []
const purges: PurgeRow[] = []
try {
  for (const store of config.stores) {
    log(`${store}:`)
    const result = await benchStore(store, config)
    rows.push(...result.rows)
    purges.push(result.purge)
  }
} finally {
  killServers()
}
printTables(rows, purges, config)
await mkdir(RESULTS, { recursive: true })
const file = new URL('scale-latest.json', RESULTS)
await writeFile(
  file,
  `${JSON.stringify({ startedAt, config, machine: { cpu: cpus()[0]?.model, cpus: cpus().length, memory: totalmem() }, rows, purges }, null, 2)}\n`,
)
log(
  `\nJSON in bench/results/scale-latest.json (${fmt((Date.now() - startedAt.getTime()) / 1000)} s)`,
)
process.exit(rows.some((r) => r.read.wrong + r.write.wrong > 0) ? 1 : 0)
