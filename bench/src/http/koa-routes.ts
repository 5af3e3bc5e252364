import { createServer, type Server } from 'node:http'
import type Koa from 'koa'
import type { Context, Middleware } from 'koa'
import { greeting, LOGGED_IN, ROUTES, USERNAME } from './server-module.js'

/** How a route reads and writes one target's `ctx.session` (crumbs' get/set, koa-session's object). */
export interface KoaSessionAccess {
  read(ctx: Context, key: 'username' | 'views'): unknown
  write(ctx: Context, key: 'username' | 'views', value: unknown): void
}

const sessionOf = (ctx: Context): unknown => (ctx as unknown as { session: unknown }).session

/** crumbs' `ctx.session`: get/set. */
export const crumbsKoaAccess: KoaSessionAccess = {
  read: (ctx, key) => (sessionOf(ctx) as { get(key: string): unknown }).get(key),
  write: (ctx, key, value) =>
    (sessionOf(ctx) as { set(key: string, value: unknown): void }).set(key, value),
}

/** koa-session's `ctx.session`: a plain object. */
export const objectKoaAccess: KoaSessionAccess = {
  read: (ctx, key) => (sessionOf(ctx) as Record<string, unknown>)[key],
  write: (ctx, key, value) => {
    ;(sessionOf(ctx) as Record<string, unknown>)[key] = value
  },
}

/** Koa 3 with the three bench routes behind `middleware` (none for the bare floor). */
export function koaServer(
  app: Koa,
  middleware: Middleware | undefined,
  session: KoaSessionAccess | undefined,
): Server {
  if (middleware !== undefined) app.use(middleware)
  app.use((ctx) => {
    if (ctx.path === ROUTES.login) {
      session?.write(ctx, 'username', USERNAME)
      session?.write(ctx, 'views', 0)
      ctx.body = LOGGED_IN
    } else if (ctx.path === ROUTES.write) {
      if (session === undefined) {
        ctx.body = greeting(USERNAME, 1)
        return
      }
      const views = ((session.read(ctx, 'views') as number | undefined) ?? 0) + 1
      session.write(ctx, 'views', views)
      ctx.body = greeting(session.read(ctx, 'username'), views)
    } else if (ctx.path === ROUTES.read) {
      ctx.body = greeting(session === undefined ? USERNAME : session.read(ctx, 'username'))
    } else {
      ctx.status = 404
    }
  })
  return createServer(app.callback())
}
