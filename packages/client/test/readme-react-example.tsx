import { hydrateRoot } from 'react-dom/client'
import { renderToString } from 'react-dom/server'
import { defineCookies, enumCodec, stringCodec } from '../src/index.js'
import { CookieProvider, useCookie } from '../src/react/index.js'

export const cookies = defineCookies({
  theme: {
    codec: enumCodec(['light', 'dark']),
    default: 'light',
    attributes: { maxAge: 31536000 },
  },
  user: { codec: stringCodec(), readOnly: true }, // set by the server
})

export function App() {
  const [theme, setTheme, removeTheme] = useCookie(cookies, 'theme') // 'light' | 'dark'
  const [user] = useCookie(cookies, 'user') // string | undefined; read-only: no setter
  return (
    <main data-theme={theme}>
      {user && <p>Signed in as {user}</p>}
      <button type="button" onClick={() => setTheme(theme === 'dark' ? 'light' : 'dark')}>
        Switch theme
      </button>
      <button type="button" onClick={() => removeTheme()}>
        Reset
      </button>
    </main>
  )
}

// Server: render with the request's cookies, so the page hydrates without a mismatch.
export function render(request: Request): string {
  return renderToString(
    <CookieProvider header={request.headers.get('cookie')}>
      <App />
    </CookieProvider>,
  )
}

// Browser: no provider, the hook reads document.cookie.
export function hydrate(): void {
  hydrateRoot(document.getElementById('root')!, <App />)
}
