import type { PageAssets } from '../page-assets.js'
import { escapeHtml } from './escape-html.js'
import { renderPage } from './render-page.js'

/** What the login form shows. */
export interface LoginPageView {
  readonly csrfToken: string
  /** Shown above the form, like `Invalid username or password`. */
  readonly error?: string
  /** Kept in the username field after a failed attempt. */
  readonly username?: string
  /** Suggest the demo users' names and passwords (only when they exist). */
  readonly demoUsers: boolean
  readonly assets: PageAssets
}

const DEMO_HINT =
  '<p class="hint">Try <kbd>john</kbd> / <kbd>password123</kbd> or <kbd>jane</kbd> / <kbd>secret123</kbd>.</p>'

/**
 * The login form. It posts to `/login` as a classic form, so it works without JavaScript; the
 * page script enhances it to use `POST /api/login`.
 */
export function renderLoginPage(view: LoginPageView): string {
  const error = view.error ?? ''
  return renderPage({
    title: 'Log in',
    page: 'login',
    assets: view.assets,
    body: `<h1>Log in</h1>
<p class="error" id="login-error" role="alert"${error === '' ? ' hidden' : ''}>${escapeHtml(error)}</p>
<form method="post" action="/login" id="login-form">
<input type="hidden" name="csrf_token" value="${escapeHtml(view.csrfToken)}">
<label>Username <input name="username" autocomplete="username" required value="${escapeHtml(view.username ?? '')}"></label>
<label>Password <input name="password" type="password" autocomplete="current-password" required></label>
<button type="submit">Log in</button>
</form>${view.demoUsers ? `\n${DEMO_HINT}` : ''}`,
  })
}
