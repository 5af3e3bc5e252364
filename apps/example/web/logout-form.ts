import { logout, me } from './api.js'

/**
 * Logs out through `POST /api/logout`, and leaves the page when the session ended elsewhere
 * (another tab logged out) as soon as this tab is shown again.
 */
export function enhanceLogoutForm(form: HTMLFormElement): void {
  form.addEventListener('submit', async (event) => {
    event.preventDefault()
    const result = await logout()
    // On failure the classic form still works: submit it the old way.
    if (result.ok) location.assign('/login')
    else form.submit()
  })
  document.addEventListener('visibilitychange', async () => {
    if (document.visibilityState !== 'visible') return
    const result = await me()
    if (result.ok && result.user === null) location.assign('/login')
  })
}
