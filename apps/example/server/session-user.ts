import type { Request } from 'express'

/** The session key holding the logged-in user's name, as in the seed. */
export const USER_KEY = 'username'

/** The logged-in user's name, or `undefined` for a visitor. */
export function sessionUser(req: Request): string | undefined {
  const name = req.session.get(USER_KEY)
  return typeof name === 'string' ? name : undefined
}
