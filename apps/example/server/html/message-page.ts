import type { PageAssets } from '../page-assets.js'
import { escapeHtml } from './escape-html.js'
import { renderPage } from './render-page.js'

/** A page that says one thing: the cookie demo's answers and the error pages. */
export interface MessagePageView {
  readonly title: string
  readonly message: string
  readonly page: string
  readonly assets: PageAssets
}

/** One heading and nothing else. */
export function renderMessagePage(view: MessagePageView): string {
  return renderPage({
    title: view.title,
    page: view.page,
    assets: view.assets,
    body: `<h1 id="message">${escapeHtml(view.message)}</h1>`,
  })
}
