import type { PageAssets } from '../page-assets.js'
import { escapeHtml } from './escape-html.js'

/** What every page of the example shares. */
export interface PageFrame {
  readonly title: string
  /** Names the page for the script and the tests (`<body data-page>`). */
  readonly page: string
  /** Trusted HTML: callers escape what they interpolate. */
  readonly body: string
  readonly assets: PageAssets
}

/** A complete HTML document around `body`, with the Vite-built stylesheet and script. */
export function renderPage({ title, page, body, assets }: PageFrame): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · crumbs example</title>
<link rel="icon" href="data:,">
${assets.head}
</head>
<body data-page="${escapeHtml(page)}">
<main class="card">
${body}
</main>
<footer>
<a href="/">Home</a> · <a href="/cookie/set">Set cookie</a> · <a href="/cookie/get">Read cookie</a> · <a href="/cookie/delete">Delete cookie</a>
</footer>
</body>
</html>
`
}
