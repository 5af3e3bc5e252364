// src/hooks.server.ts: every request gets event.locals.session; the response gets its cookie
import type { Session } from '@crumbs/server'
import type { Handle } from '@sveltejs/kit'
import { sessions } from './sessions'

declare global {
  namespace App {
    interface Locals {
      session: Session<{ username: string }>
    }
  }
}

export const handle: Handle = async ({ event, resolve }) => {
  const { session, commit } = await sessions.get(event.request)
  event.locals.session = session
  return commit(await resolve(event))
}
