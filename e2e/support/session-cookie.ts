import type { BrowserContext, Cookie } from '@playwright/test'

/**
 * The session cookie's name. The specs run the example with NODE_ENV=production, where the
 * cookie is always Secure, so it takes the `__Host-` prefix even on http://127.0.0.1 (browsers
 * keep Secure cookies from loopback, a secure context).
 */
export const SESSION_COOKIE = '__Host-session'

/** The context's session cookie, or `undefined` when it has none. */
export async function sessionCookie(context: BrowserContext): Promise<Cookie | undefined> {
  return (await context.cookies()).find((cookie) => cookie.name === SESSION_COOKIE)
}
