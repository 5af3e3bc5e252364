// src/middleware.ts: every request gets context.locals.session; the response gets its cookie
import type { Session } from '@crumbs/server'
import { defineMiddleware } from 'astro/middleware' // 'astro:middleware' inside an Astro project
import { sessions } from './sessions'

declare global {
  namespace App {
    interface Locals {
      session: Session<{ username: string }>
    }
  }
}

export const onRequest = defineMiddleware(async (context, next) => {
  const { session, commit } = await sessions.get(context.request)
  context.locals.session = session
  return commit(await next())
})
