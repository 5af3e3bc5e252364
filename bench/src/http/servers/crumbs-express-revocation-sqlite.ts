import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { session } from '@crumbs/server/express'
import { type SqliteSessionStore, sqliteStore } from '@crumbs/server/stores/sqlite'
import { crumbsExpressServer } from '../express-routes.js'
import { SECRET } from '../server-module.js'

let directory: string | undefined
let store: SqliteSessionStore | undefined

/**
 * Express 5 + crumbs sealed cookie sessions made revocable by a SQLite file (WAL) in a fresh
 * temporary directory. The session names its user, so every request pays the revocation read.
 */
export async function createServer() {
  directory = await mkdtemp(join(tmpdir(), 'crumbs-bench-revocation-'))
  store = sqliteStore({ path: join(directory, 'revocation.db') })
  return crumbsExpressServer(session({ secret: SECRET, revocation: store, userKey: 'username' }))
}

/** Closes the database and deletes its directory (the file and its WAL). */
export async function dispose() {
  await store?.close()
  if (directory !== undefined) await rm(directory, { recursive: true, force: true })
}
