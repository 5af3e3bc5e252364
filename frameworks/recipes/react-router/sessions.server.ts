// app/sessions.server.ts
import { createSessions } from '@crumbs/server/fetch'

export const sessions = createSessions<{ username: string }>({
  secret: process.env.SECRET_KEY!,
})
