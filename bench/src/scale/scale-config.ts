/** The stores `pnpm bench:scale` can fill and measure. */
export type ScaleStore = 'sqlite' | 'redis' | 'postgres'

const STORES: readonly ScaleStore[] = ['sqlite', 'redis', 'postgres']

/** What one `pnpm bench:scale` run does, read once from the environment. */
export interface ScaleConfig {
  /** Live sessions measured at, ascending. @default 1000,100000,1000000 (`BENCH_SCALE_SIZES`) */
  readonly sizes: readonly number[]
  /** @default sqlite,redis,postgres (`BENCH_SCALE_STORES`) */
  readonly stores: readonly ScaleStore[]
  /** Requests per measured route and size. @default 5000 (`BENCH_SCALE_REQUESTS`) */
  readonly requests: number
  /** Keep-alive connections of the load. @default 8 (`BENCH_SCALE_CONNECTIONS`) */
  readonly connections: number
  /** Requests per route before the first size is measured (V8 warm-up). @default 20000 */
  readonly warmup: number
  /** Expired sessions made for the purge. @default the largest size (`BENCH_SCALE_EXPIRED`) */
  readonly expired: number
}

function positive(variable: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback
  const n = Number(value)
  if (!Number.isInteger(n) || n < 1) throw new Error(`${variable} must be a whole number above 0`)
  return n
}

/** Reads `BENCH_SCALE_*` from `env`; throws naming the variable at fault. */
export function readScaleConfig(env: NodeJS.ProcessEnv): ScaleConfig {
  const sizes = (env.BENCH_SCALE_SIZES || '1000,100000,1000000')
    .split(',')
    .map((s) => positive('BENCH_SCALE_SIZES', s.trim(), 0))
    .sort((a, b) => a - b)
  const stores = (env.BENCH_SCALE_STORES || STORES.join(',')).split(',').map((s) => s.trim())
  for (const store of stores) {
    if (!STORES.includes(store as ScaleStore)) {
      throw new Error(`BENCH_SCALE_STORES: "${store}" is not one of ${STORES.join(', ')}`)
    }
  }
  return Object.freeze({
    sizes,
    stores: stores as ScaleStore[],
    requests: positive('BENCH_SCALE_REQUESTS', env.BENCH_SCALE_REQUESTS, 5000),
    connections: positive('BENCH_SCALE_CONNECTIONS', env.BENCH_SCALE_CONNECTIONS, 8),
    warmup: positive('BENCH_SCALE_WARMUP', env.BENCH_SCALE_WARMUP, 20_000),
    expired: positive('BENCH_SCALE_EXPIRED', env.BENCH_SCALE_EXPIRED, sizes.at(-1) ?? 1000),
  })
}
