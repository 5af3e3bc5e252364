import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { escapeHtml } from './html/escape-html.js'
import { StartupError } from './startup-error.js'

/** The `<head>` tags that load the page's stylesheet and script. */
export interface PageAssets {
  /** Trusted HTML for `<head>`. */
  readonly head: string
}

/** The URL prefix of the page's assets (Vite's `base`). */
export const ASSETS_BASE = '/assets/'

/** The entry in web/, as Vite's manifest names it. */
const ENTRY = 'main.ts'

interface ManifestChunk {
  file: string
  css?: string[]
}

/**
 * The tags for the Vite build in `webDir` (dist/web), read from its manifest once at start-up.
 * Throws a {@link StartupError} when the page was never built.
 */
export function builtAssets(webDir: string): PageAssets {
  const path = join(webDir, '.vite', 'manifest.json')
  let manifest: Record<string, ManifestChunk>
  try {
    manifest = JSON.parse(readFileSync(path, 'utf8'))
  } catch (error) {
    throw new StartupError(
      `The page is not built (${(error as Error).message}). Run \`pnpm start\` at the repository root, or \`pnpm --filter @crumbs/example build\`.`,
    )
  }
  const entry = manifest[ENTRY]
  if (entry === undefined) {
    throw new StartupError(`${path} has no entry for web/${ENTRY}; rebuild the page.`)
  }
  const url = (file: string) => escapeHtml(ASSETS_BASE + file)
  const styles = (entry.css ?? []).map((file) => `<link rel="stylesheet" href="${url(file)}">`)
  return {
    head: [...styles, `<script type="module" src="${url(entry.file)}"></script>`].join('\n'),
  }
}

/** The tags for Vite's dev server: its HMR client and the entry served from source. */
export function devAssets(): PageAssets {
  return {
    head: [
      `<script type="module" src="${ASSETS_BASE}@vite/client"></script>`,
      `<script type="module" src="${ASSETS_BASE}${ENTRY}"></script>`,
    ].join('\n'),
  }
}
