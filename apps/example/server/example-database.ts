import type { SessionOptions } from '@crumbs/server'
import type { ThrottleStore } from './throttle-store.js'
import type { UserDirectory } from './user-directory.js'

/** A session store the example opened, and closes before its database. */
export type ClosableSessionStore = NonNullable<SessionOptions['store']> & { close(): Promise<void> }

/** The database holding the users: the SQLite file, or PostgreSQL with `DATABASE_URL`. */
export interface ExampleDatabase {
  readonly users: UserDirectory
  /** Sessions kept in this database, the default when neither Redis nor cookies hold them. */
  openSessionStore(): ClosableSessionStore
  /** The login throttle's counters in this database, beside the sessions. */
  readonly throttleStore: ThrottleStore
  /** For the banner and the welcome page, like `SQLite (example.db)`; never a credential. */
  readonly description: string
  close(): Promise<void>
}
