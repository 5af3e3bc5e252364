import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { session } from '@crumbs/server/express'
import { type SqliteSessionStore, sqliteStore } from '@crumbs/server/stores/sqlite'
import { crumbsExpressServer } from '../express-routes.js'
import { SECRET } from '../server-module.js'

let directory: string | undefined
let store: SqliteSessionStore | undefined

/** Express 5 + crumbs store sessions in a SQLite file (WAL) in a fresh temporary directory. */
export async function createServer() {
  directory = await mkdtemp(join(tmpdir(), 'crumbs-bench-sqlite-'))
  store = sqliteStore({ path: join(directory, 'sessions.db') })
  return crumbsExpressServer(session({ secret: SECRET, store }))
}

/** Closes the database and deletes its directory (the file and its WAL). */
export async function dispose() {
  await store?.close()
  if (directory !== undefined) await rm(directory, { recursive: true, force: true })
}
