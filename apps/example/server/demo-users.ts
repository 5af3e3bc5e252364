import { StartupError } from './startup-error.js'
import { DEMO_USERS, type UserDirectory } from './user-directory.js'

/**
 * Creates the demo users when `seed` is on (outside production, or `SEED_DEMO_USERS=1`). When
 * it is off, refuses to start while one of them still logs in with its published password: a
 * database seeded by an earlier start (before production, or by an older version) keeps them.
 */
export async function provideDemoUsers(users: UserDirectory, seed: boolean): Promise<void> {
  if (seed) {
    await users.seed(DEMO_USERS)
    return
  }
  for (const { username, password } of DEMO_USERS) {
    if ((await users.authenticate(username, password)) === undefined) continue
    throw new StartupError(
      `The database still has the demo user "${username}" with its published password. Delete that user or change its password, or set SEED_DEMO_USERS=1 to keep the demo accounts on purpose.`,
      'SEED_DEMO_USERS',
    )
  }
}
