/**
 * The server `pnpm bench:scale` measures: Express 5 with crumbs store sessions (the bench's
 * usual routes) on the store named by `SCALE_STORE`, over what the parent filled: the SQLite
 * file `SCALE_SQLITE_PATH`, the Redis key prefix `SCALE_REDIS_PREFIX` or the PostgreSQL schema
 * `SCALE_PG_SCHEMA`. The store's own purge runs every second (SQLite and PostgreSQL), so the
 * purge phase starts as soon as the parent has written expired rows.
 */
import type { SessionStore } from '@crumbs/core'
import { session } from '@crumbs/server/express'
import { postgresStore } from '@crumbs/server/stores/postgres'
import { redisStore } from '@crumbs/server/stores/redis'
import { sqliteStore } from '@crumbs/server/stores/sqlite'
import pg from 'pg'
import { createClient } from 'redis'
import { crumbsExpressServer } from '../http/express-routes.js'
import { SECRET } from '../http/server-module.js'
import { POSTGRES_URL, REDIS_URL } from './scale-services.js'

let release: (() => Promise<void>) | undefined

function required(name: string): string {
  const value = process.env[name]
  if (value === undefined || value === '') throw new Error(`${name} is not set`)
  return value
}

async function openStore(): Promise<SessionStore> {
  switch (process.env.SCALE_STORE) {
    case 'sqlite': {
      const store = sqliteStore({ path: required('SCALE_SQLITE_PATH'), cleanupInterval: 1 })
      release = () => store.close()
      return store
    }
    case 'redis': {
      const client = createClient({ url: REDIS_URL })
      client.on('error', (error: unknown) => console.error('[scale server] redis:', error))
      await client.connect()
      release = async () => {
        client.destroy()
      }
      return redisStore({ client, prefix: required('SCALE_REDIS_PREFIX') })
    }
    case 'postgres': {
      const pool = new pg.Pool({ connectionString: POSTGRES_URL, max: 8 })
      pool.on('error', (error) => console.error('[scale server] postgres:', error))
      const store = postgresStore({ pool, schema: required('SCALE_PG_SCHEMA'), cleanupInterval: 1 })
      release = async () => {
        await store.close()
        await pool.end()
      }
      return store
    }
    default:
      throw new Error(`SCALE_STORE must be sqlite, redis or postgres`)
  }
}

export async function createServer() {
  return crumbsExpressServer(session({ secret: SECRET, store: await openStore() }))
}

export async function dispose() {
  await release?.()
}
