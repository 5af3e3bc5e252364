import type { PageAssets } from '../page-assets.js'
import { escapeHtml } from './escape-html.js'
import { renderPage } from './render-page.js'

/** What the home page shows to a logged-in user. */
export interface WelcomePageView {
  readonly username: string
  readonly csrfToken: string
  /** Where the session lives, like `SQLite (example.db)`. */
  readonly sessions: string
  /** What the session cookie holds, one sentence. */
  readonly explanation: string
  readonly assets: PageAssets
}

/** `Welcome, <name>!` with a logout button (a CSRF-protected POST). */
export function renderWelcomePage(view: WelcomePageView): string {
  return renderPage({
    title: 'Welcome',
    page: 'welcome',
    assets: view.assets,
    body: `<h1 id="greeting">Welcome, ${escapeHtml(view.username)}!</h1>
<p class="hint">Sessions: <strong>${escapeHtml(view.sessions)}</strong>. ${escapeHtml(view.explanation)}</p>
<form method="post" action="/logout" id="logout-form">
<input type="hidden" name="csrf_token" value="${escapeHtml(view.csrfToken)}">
<button type="submit">Log out</button>
</form>`,
  })
}
