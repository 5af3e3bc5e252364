import { mkdtemp, rm } from 'node:fs/promises'
import { createServer as createHttpServer } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Session } from '@crumbs/core'
import { session } from '@crumbs/server/express'
import { type SqliteSessionStore, sqliteStore } from '@crumbs/server/stores/sqlite'
import express, { type Request } from 'express'
import { greeting, LOGGED_IN, ROUTES, SECRET, USERNAME } from '../server-module.js'

// express-session, loaded in this package too, declares `Express.Request.session` as its own;
// this file reads it as crumbs' session.
const crumbs = (req: Request) => (req as unknown as { session: Session }).session

let directory: string | undefined
let store: SqliteSessionStore | undefined

/** Express 5 + crumbs store sessions in a SQLite file (WAL) in a fresh temporary directory. */
export async function createServer() {
  directory = await mkdtemp(join(tmpdir(), 'crumbs-bench-sqlite-'))
  store = sqliteStore({ path: join(directory, 'sessions.db') })
  const app = express()
  app.use(session({ secret: SECRET, store }))
  app.get(ROUTES.login, (req, res) => {
    crumbs(req).set('username', USERNAME)
    crumbs(req).set('views', 0)
    res.send(LOGGED_IN)
  })
  app.get(ROUTES.write, (req, res) => {
    const views = ((crumbs(req).get('views') as number | undefined) ?? 0) + 1
    crumbs(req).set('views', views)
    res.send(greeting(crumbs(req).get('username'), views))
  })
  app.get(ROUTES.read, (req, res) => {
    res.send(greeting(crumbs(req).get('username')))
  })
  return createHttpServer(app)
}

/** Closes the database and deletes its directory (the file and its WAL). */
export async function dispose() {
  await store?.close()
  if (directory !== undefined) await rm(directory, { recursive: true, force: true })
}
