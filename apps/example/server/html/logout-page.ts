import type { PageAssets } from '../page-assets.js'
import { escapeHtml } from './escape-html.js'
import { renderPage } from './render-page.js'

/** What the logout confirmation shows. */
export interface LogoutPageView {
  readonly csrfToken: string
  readonly assets: PageAssets
}

/**
 * "Log out?" with a button: what `GET /logout` answers when it cannot tell that the link was on
 * one of our pages. The button posts the CSRF-protected form, as the welcome page's does.
 */
export function renderLogoutPage(view: LogoutPageView): string {
  return renderPage({
    title: 'Log out',
    page: 'logout',
    assets: view.assets,
    body: `<h1>Log out?</h1>
<p class="hint">A link asked to end your session here.</p>
<form method="post" action="/logout" id="logout-form">
<input type="hidden" name="csrf_token" value="${escapeHtml(view.csrfToken)}">
<button type="submit">Log out</button>
</form>
<p><a href="/">Stay logged in</a></p>`,
  })
}
