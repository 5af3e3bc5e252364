import { atMost, type RatioTarget } from '../report/ratio-target.js'

/**
 * One server to load. To add a target, write a module in `servers/` that exports
 * `createServer()` answering the routes of `server-module.ts`, then add a row here.
 */
export interface HttpTarget {
  /** Stable id, used in results/latest.json and by `BENCH_TARGETS`. */
  readonly id: string
  readonly label: string
  /** The server module, relative to this file. */
  readonly module: string
  /** Whether the target keeps a session (bare frameworks do not, and skip the session checks). */
  readonly hasSession: boolean
  /**
   * Whether the target also runs the `contended` scenario (every connection writing one
   * session): the store targets, their anchors, and the floor they are measured against.
   */
  readonly contended?: true
  /** The bare target on the same framework, whose µs/request is subtracted to get the session's own. */
  readonly baseline?: string
  /**
   * For crumbs: the anchor whose session cost ours is divided by, and the goal for that ratio
   * (none for an informational comparison).
   */
  readonly compare?: { readonly anchor: string; readonly target: RatioTarget | undefined }
  /**
   * Other targets loaded in the same slices as this one, for a figure to read beside it (no
   * ratio is taken against them): their own groups measure them too.
   */
  readonly alongside?: readonly string[]
  /**
   * For a before twin (`BENCH_BEFORE`): the crumbs target it repeats, with the same server
   * module, on the before revision's build of `@crumbs/*`.
   */
  readonly twinOf?: string
}

/** Every HTTP target, in the order the tables print them. */
export const HTTP_TARGETS: readonly HttpTarget[] = [
  {
    id: 'node-bare',
    label: 'node:http (bare)',
    module: './servers/node-bare.ts',
    hasSession: false,
  },
  {
    id: 'express-bare',
    label: 'express 5 (bare)',
    module: './servers/express-bare.ts',
    hasSession: false,
    contended: true,
  },
  {
    id: 'express-session',
    label: 'express + express-session (MemoryStore)',
    module: './servers/express-session.ts',
    hasSession: true,
    contended: true,
    baseline: 'express-bare',
  },
  {
    id: 'crumbs-express-memory',
    label: 'express + crumbs (memoryStore)',
    module: './servers/crumbs-express-memory.ts',
    hasSession: true,
    contended: true,
    baseline: 'express-bare',
    compare: { anchor: 'express-session', target: atMost(0.5) },
  },
  {
    id: 'connect-redis',
    label: 'express + express-session + connect-redis',
    module: './servers/connect-redis.ts',
    hasSession: true,
    contended: true,
    baseline: 'express-bare',
  },
  {
    id: 'crumbs-express-redis',
    label: 'express + crumbs (redisStore)',
    module: './servers/crumbs-express-redis.ts',
    hasSession: true,
    contended: true,
    baseline: 'express-bare',
    compare: { anchor: 'connect-redis', target: atMost(0.6) },
  },
  {
    id: 'crumbs-express-sqlite',
    label: 'express + crumbs (sqliteStore)',
    module: './servers/crumbs-express-sqlite.ts',
    hasSession: true,
    contended: true,
    baseline: 'express-bare',
    // No SQLite store for express-session is in the issue; its MemoryStore gives a scale.
    compare: { anchor: 'express-session', target: undefined },
  },
  {
    id: 'cookie-session',
    label: 'express + cookie-session',
    module: './servers/cookie-session.ts',
    hasSession: true,
    baseline: 'express-bare',
  },
  {
    id: 'crumbs-express-signed',
    label: "express + crumbs (format: 'signed')",
    module: './servers/crumbs-express-signed.ts',
    hasSession: true,
    baseline: 'express-bare',
    compare: { anchor: 'cookie-session', target: atMost(0.5) },
  },
  {
    id: 'iron-session',
    label: 'node:http + iron-session 8',
    module: './servers/iron-session.ts',
    hasSession: true,
    baseline: 'node-bare',
  },
  {
    id: 'crumbs-node-sealed',
    label: 'node:http + crumbs (sealed)',
    module: './servers/crumbs-node-sealed.ts',
    hasSession: true,
    baseline: 'node-bare',
    compare: { anchor: 'iron-session', target: atMost(0.2) },
  },
  {
    id: 'crumbs-express-sealed',
    label: 'express + crumbs (sealed)',
    module: './servers/crumbs-express-sealed.ts',
    hasSession: true,
    baseline: 'express-bare',
  },
  // The price of revocable cookie sessions (a store read per request that carries a user),
  // divided by plain sealed cookies, with the memory store's store sessions in the same slices.
  {
    id: 'crumbs-express-revocation-memory',
    label: 'express + crumbs sealed + revocation: memoryStore()',
    module: './servers/crumbs-express-revocation-memory.ts',
    hasSession: true,
    baseline: 'express-bare',
    compare: { anchor: 'crumbs-express-sealed', target: undefined },
    alongside: ['crumbs-express-memory'],
  },
  {
    id: 'crumbs-express-revocation-sqlite',
    label: 'express + crumbs sealed + revocation: sqliteStore()',
    module: './servers/crumbs-express-revocation-sqlite.ts',
    hasSession: true,
    baseline: 'express-bare',
    compare: { anchor: 'crumbs-express-sealed', target: undefined },
    alongside: ['crumbs-express-memory'],
  },
  {
    id: 'hono-bare',
    label: 'hono 4 (bare)',
    module: './servers/hono-bare.ts',
    hasSession: false,
  },
  {
    id: 'hono-signed-cookie',
    label: "hono + hono/cookie's signed cookie (JSON)",
    module: './servers/hono-signed-cookie.ts',
    hasSession: true,
    baseline: 'hono-bare',
  },
  {
    id: 'crumbs-hono-signed',
    label: "hono + crumbs (format: 'signed')",
    module: './servers/crumbs-hono-signed.ts',
    hasSession: true,
    baseline: 'hono-bare',
    compare: { anchor: 'hono-signed-cookie', target: atMost(0.5) },
  },
  {
    id: 'fastify-bare',
    label: 'fastify 5 (bare)',
    module: './servers/fastify-bare.ts',
    hasSession: false,
  },
  {
    id: 'fastify-secure-session',
    label: 'fastify + @fastify/secure-session',
    module: './servers/fastify-secure-session.ts',
    hasSession: true,
    baseline: 'fastify-bare',
  },
  {
    id: 'crumbs-fastify-sealed',
    label: 'fastify + crumbs (sealed)',
    module: './servers/crumbs-fastify-sealed.ts',
    hasSession: true,
    baseline: 'fastify-bare',
    compare: { anchor: 'fastify-secure-session', target: atMost(0.5) },
  },
  {
    id: 'fastify-session',
    label: 'fastify + @fastify/session (MemoryStore)',
    module: './servers/fastify-session.ts',
    hasSession: true,
    baseline: 'fastify-bare',
  },
  {
    id: 'crumbs-fastify-memory',
    label: 'fastify + crumbs (memoryStore)',
    module: './servers/crumbs-fastify-memory.ts',
    hasSession: true,
    baseline: 'fastify-bare',
    compare: { anchor: 'fastify-session', target: atMost(0.5) },
  },
  {
    id: 'koa-bare',
    label: 'koa 3 (bare)',
    module: './servers/koa-bare.ts',
    hasSession: false,
  },
  {
    id: 'koa-session',
    label: 'koa + koa-session',
    module: './servers/koa-session.ts',
    hasSession: true,
    baseline: 'koa-bare',
  },
  {
    id: 'crumbs-koa-signed',
    label: "koa + crumbs (format: 'signed')",
    module: './servers/crumbs-koa-signed.ts',
    hasSession: true,
    baseline: 'koa-bare',
    compare: { anchor: 'koa-session', target: atMost(0.5) },
  },
]

/**
 * The targets matching `filter` (substrings of ids), with the baselines, anchors and targets
 * shown alongside that they need.
 */
export function selectTargets(filter: readonly string[]): HttpTarget[] {
  if (filter.length === 0) return [...HTTP_TARGETS]
  const wanted = new Set<string>()
  const want = (target: HttpTarget): void => {
    if (wanted.has(target.id)) return
    wanted.add(target.id)
    if (target.baseline !== undefined) wanted.add(target.baseline)
    if (target.compare !== undefined) {
      wanted.add(target.compare.anchor)
      const anchorBaseline = HTTP_TARGETS.find((t) => t.id === target.compare?.anchor)?.baseline
      if (anchorBaseline !== undefined) wanted.add(anchorBaseline)
    }
    for (const id of target.alongside ?? []) {
      const other = HTTP_TARGETS.find((t) => t.id === id)
      if (other !== undefined) want(other)
    }
  }
  for (const target of HTTP_TARGETS) {
    if (filter.some((part) => target.id.includes(part))) want(target)
  }
  return HTTP_TARGETS.filter((target) => wanted.has(target.id))
}

/** The id of a crumbs target's before twin. */
export const twinId = (id: string): string => `${id}@before`

/**
 * `targets` with a before twin right after each crumbs target (each target with an anchor): the
 * same server module and floor, labelled with the before revision, `revision`.
 */
export function withBeforeTwins(targets: readonly HttpTarget[], revision: string): HttpTarget[] {
  return targets.flatMap((target): HttpTarget[] => {
    if (target.compare === undefined) return [target]
    const twin: HttpTarget = {
      id: twinId(target.id),
      label: `${target.label}, before ${revision}`,
      module: target.module,
      hasSession: target.hasSession,
      ...(target.contended === undefined ? {} : { contended: target.contended }),
      ...(target.baseline === undefined ? {} : { baseline: target.baseline }),
      twinOf: target.id,
    }
    return [target, twin]
  })
}
