import { createElement, type ReactElement } from 'react'
import { defineCookies, enumCodec, jsonCodec } from '../../src/index.js'
import { useCookie } from '../../src/react/index.js'

const isPrefs = (value: unknown): value is { lang: string } =>
  typeof (value as { lang?: unknown } | null)?.lang === 'string'

/** The page's cookies: an enum with a default, and JSON that decodes to a new object per read. */
export const cookies = defineCookies({
  theme: { codec: enumCodec(['light', 'dark']), default: 'light' },
  prefs: { codec: jsonCodec(isPrefs) },
})

/**
 * The app the Chromium suite renders, on the server (test/browser/react.test.ts) and in the
 * page (react-page.ts): both cookies, and a button that sets the theme.
 */
export function App(): ReactElement {
  const [theme, setTheme] = useCookie(cookies, 'theme')
  const [prefs] = useCookie(cookies, 'prefs')
  return createElement(
    'main',
    null,
    createElement('p', { id: 'theme' }, theme),
    createElement('p', { id: 'prefs' }, prefs?.lang ?? 'none'),
    createElement(
      'button',
      { id: 'dark', type: 'button', onClick: () => setTheme('dark') },
      'dark',
    ),
  )
}
