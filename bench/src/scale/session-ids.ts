import { createHash } from 'node:crypto'
import { createKeyring, sign } from '@crumbs/core'
import { COOKIE_NAME, SECRET } from '../http/server-module.js'

/**
 * The id of session number `i` of a run tagged `tag`: base64url(SHA-256(`<tag>:<i>`)), 43
 * characters like the ids crumbs makes. PostgreSQL computes the same ids in SQL, so a fill
 * sends only a range of numbers.
 */
export function sessionId(tag: string, i: number): string {
  return createHash('sha256').update(`${tag}:${i}`).digest('base64url')
}

const keys = createKeyring(SECRET)

/** The `Cookie` header a browser holding session `i` sends (the id signed as the server does). */
export async function sessionCookie(tag: string, i: number): Promise<string> {
  const value = await sign(sessionId(tag, i), { keys, name: COOKIE_NAME, purpose: 'session-id' })
  return `${COOKIE_NAME}=${value}`
}

/** The record every filled session starts with: john, no views, touched now. */
export function filledRecord(now: number): string {
  return JSON.stringify({
    data: { username: 'john', views: 0 },
    createdAt: now,
    touchedAt: now,
    permanent: false,
  })
}
