export type {
  SqliteDatabase,
  SqliteSessionStore,
  SqliteStatement,
  SqliteStoreOptions,
} from '../../stores/sqlite-store.js'
export { sqliteStore } from '../../stores/sqlite-store.js'
