import { csrfFetch } from '@crumbs/client'

/** The logged-in user as `/api/me` reports it; `null` for a visitor. */
export type User = { readonly username: string } | null

/** An API answer: the user, or the server's error text and status. */
export type ApiResult =
  | { readonly ok: true; readonly user: User }
  | { readonly ok: false; readonly status: number; readonly error: string }

// Unsafe requests carry the session's CSRF token, copied from the readable `csrf_token` cookie.
const send = csrfFetch()

async function call(path: string, init: RequestInit = {}): Promise<ApiResult> {
  let response: Response
  try {
    response = await send(path, {
      ...init,
      headers: { accept: 'application/json', ...init.headers },
      credentials: 'same-origin',
    })
  } catch (error) {
    console.error('[example] request failed:', error)
    return { ok: false, status: 0, error: 'Could not reach the server. Please try again.' }
  }
  const body = (await response.json().catch(() => ({}))) as { user?: User; error?: string }
  if (response.ok) return { ok: true, user: body.user ?? null }
  return { ok: false, status: response.status, error: body.error ?? `Error ${response.status}` }
}

/** `POST /api/login`. */
export function login(username: string, password: string): Promise<ApiResult> {
  return call('/api/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  })
}

/** `POST /api/logout`. */
export function logout(): Promise<ApiResult> {
  return call('/api/logout', { method: 'POST' })
}

/** `GET /api/me`. */
export function me(): Promise<ApiResult> {
  return call('/api/me')
}
