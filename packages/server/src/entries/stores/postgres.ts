export type { PostgresTableOptions } from '../../stores/postgres-schema.js'
export { postgresStoreSchema } from '../../stores/postgres-schema.js'
export type {
  PgPoolLike,
  PostgresJsLike,
  PostgresSessionStore,
  PostgresStoreOptions,
} from '../../stores/postgres-store.js'
export { postgresStore } from '../../stores/postgres-store.js'
