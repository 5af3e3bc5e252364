export type {
  SqliteDatabase,
  SqliteSessionStore,
  SqliteStatement,
  SqliteStoreOptions,
} from './sqlite-store.js'
export { sqliteStore } from './sqlite-store.js'
