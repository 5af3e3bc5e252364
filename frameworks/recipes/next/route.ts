// app/api/me/route.ts: a route handler
import { errorResponse } from '@crumbs/server/fetch'
import { type NextRequest, NextResponse } from 'next/server'
import { sessions } from './sessions'

export async function GET(request: NextRequest) {
  const { session, commit } = await sessions.get(request)
  return commit(NextResponse.json({ username: session.get('username') ?? null }))
}

export async function POST(request: NextRequest) {
  try {
    const { session, commit } = await sessions.get(request)
    const form = await request.formData()
    await session.regenerate() // a new id at login
    session.set('username', String(form.get('username')))
    return await commit(NextResponse.redirect(new URL('/', request.url), 303))
  } catch (error) {
    return errorResponse(error) // 503 + Retry-After when the store is down, else 500
  }
}
