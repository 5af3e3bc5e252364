import type { BrowserContext, Cookie } from '@playwright/test'

/** The session cookie's name on plain-http localhost (`__Host-session` on HTTPS). */
export const SESSION_COOKIE = 'session'

/** The context's session cookie, or `undefined` when it has none. */
export async function sessionCookie(context: BrowserContext): Promise<Cookie | undefined> {
  return (await context.cookies()).find((cookie) => cookie.name === SESSION_COOKIE)
}
