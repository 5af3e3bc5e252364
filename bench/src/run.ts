/**
 * `pnpm bench`: crumbs beside the packages users would pick instead, in one run. Prints a table
 * per section and a markdown summary, writes results/latest.json, and exits 0 whether or not a
 * target is met; it exits 1 only when something errors.
 */
import { mkdir, writeFile } from 'node:fs/promises'
import { cpus, loadavg } from 'node:os'
import { afterRevision } from './before/before-revision.js'
import { type BeforeBuild, prepareBefore } from './before/prepare-before.js'
import { readBenchConfig } from './bench-config.js'
import { CPUS, pinToCpu } from './http/cpu-affinity.js'
import { httpTable } from './http/http-table.js'
import { type HttpResult, runHttp, SCENARIOS } from './http/run-http.js'
import { killServers } from './http/spawn-server.js'
import { microTable } from './micro/micro-table.js'
import { type MicroResult, runMicro } from './micro/run-micro.js'
import { summary } from './report/summary.js'
import { runSize, type SizeResult, sizeTable } from './size/run-size.js'

const RESULTS = new URL('../results/', import.meta.url)

const config = readBenchConfig()
const startedAt = new Date()
const machine = {
  node: process.version,
  platform: `${process.platform} ${process.arch}`,
  cpu: cpus()[0]?.model ?? 'unknown',
  cores: cpus().length,
  loadAverageAtStart: loadavg().map((load) => Number(load.toFixed(2))),
}
const log = (line: string) => process.stderr.write(`${line}\n`)

process.on('SIGINT', () => {
  killServers()
  process.exit(130)
})

// The load generator (this process) on one CPU, every server on another.
const pinned = CPUS !== undefined && pinToCpu(process.pid, CPUS.load)
console.log(
  `# crumbs bench — ${machine.node}, ${machine.cores} × ${machine.cpu}, ` +
    `load ${machine.loadAverageAtStart.join(' ')}` +
    `${pinned ? `, servers on CPU ${CPUS!.server} and load on CPU ${CPUS!.load}` : ', unpinned'}` +
    `${config.quick ? ' (BENCH_QUICK)' : ''}\n`,
)

// BENCH_BEFORE: the before revision's packages are built (or found in the cache) before anything
// is timed, so a revision that does not build stops the run at once. Only micro and http use it.
const wantsBefore =
  config.before !== undefined && (config.sections.has('micro') || config.sections.has('http'))
let before: BeforeBuild | undefined
const after = wantsBefore ? afterRevision() : undefined
if (config.before !== undefined && !wantsBefore)
  log('BENCH_BEFORE ignored: no micro or http section')
if (config.before !== undefined && wantsBefore) {
  try {
    before = await prepareBefore(config.before, log)
  } catch (error) {
    // The message carries the build script's last lines; the cause only repeats them.
    console.error(`bench failed: BENCH_BEFORE: ${error instanceof Error ? error.message : error}`)
    process.exit(1)
  }
  console.log(
    `before: \`${before.short}\` ${before.subject} (BENCH_BEFORE=${before.ref}; ` +
      `${before.cached ? 'cached' : `built in ${before.buildSeconds} s`} in bench/.before/` +
      `${before.commit}); after: the working tree on ${after!.head}` +
      `${after!.dirty ? ' with uncommitted package changes' : ''}\n`,
  )
}

let micro: MicroResult[] = []
let http: HttpResult[] = []
let size: SizeResult | undefined
try {
  if (config.sections.has('micro')) {
    log(`micro: ${config.microRounds} round(s) × ${config.microMs} ms per side`)
    micro = await runMicro(
      config,
      (result) =>
        log(
          `  ${result.id} ${result.ratio.toFixed(2)}×` +
            (result.before === undefined
              ? ''
              : `, after/before ${result.before.ratio?.toFixed(2) ?? 'n/a'}×`),
        ),
      before,
    )
    console.log('## 1. @crumbs/core micro-benchmarks (ops per CPU-second, higher is better)\n')
    console.log(microTable(micro))
    console.log()
  }
  if (config.sections.has('http')) {
    log(
      `http: ${config.runs} round(s) × ${config.requests} requests per slice (after ${config.warmup} ` +
        `warm-up), ${config.connections} connections (one session each), 127.0.0.1 only`,
    )
    http = await runHttp(config, (line) => log(`  ${line}`), before)
    const sections = {
      write: ['a', 'handler increments views; each connection its own session'],
      read: ['b', 'handler only reads username; each connection its own session'],
      contended: ['c', 'every connection increments views of one session; store targets'],
    } as const
    for (const scenario of SCENARIOS) {
      const [letter, what] = sections[scenario]
      if (!http.some((result) => result.scenario === scenario)) continue
      console.log(
        `## 2${letter}. @crumbs/server over HTTP, ${scenario} (${what}); ` +
          'server CPU µs/request, lower is better\n',
      )
      console.log(httpTable(http, scenario))
      console.log()
    }
  }
  if (config.sections.has('size')) {
    log('size: bundling each get+set+remove entry (esbuild, minified, gzip -9)')
    size = await runSize()
    console.log(
      '## 3. @crumbs/client size: a get+set+remove entry, its dependencies included, smaller is better\n',
    )
    console.log(sizeTable(size))
    console.log()
  }
} catch (error) {
  killServers()
  console.error('bench failed:', error)
  process.exit(1)
}

const finishedAt = new Date()
await mkdir(RESULTS, { recursive: true })
await writeFile(
  new URL('latest.json', RESULTS),
  `${JSON.stringify(
    {
      startedAt: startedAt.toISOString(),
      seconds: Math.round((finishedAt.getTime() - startedAt.getTime()) / 1000),
      machine,
      config: { ...config, sections: [...config.sections] },
      before:
        before === undefined
          ? undefined
          : {
              ref: before.ref,
              commit: before.commit,
              subject: before.subject,
              cached: before.cached,
              buildSeconds: before.buildSeconds,
              after,
            },
      micro,
      http,
      size,
    },
    null,
    2,
  )}\n`,
)
console.log(
  summary(
    micro,
    http,
    size,
    config.quick,
    before === undefined || after === undefined ? undefined : { before, after },
  ),
)
console.log(
  `\n(${Math.round((finishedAt.getTime() - startedAt.getTime()) / 1000)} s; ` +
    'JSON in bench/results/latest.json)',
)
if (http.some((result) => result.error !== undefined)) process.exitCode = 1
