// lib/sessions.ts: created once, with the options checked at start-up
import { createSessions } from '@crumbs/server/fetch'

export const sessions = createSessions<{ username: string }>({
  secret: process.env.SECRET_KEY!,
  // Next's own server sets X-Forwarded-Proto on every request: it tells a server action
  // (which has no URL) whether the request came over https.
  trustProxy: true,
})
