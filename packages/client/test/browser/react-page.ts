import { createElement, Profiler } from 'react'
import { createRoot, hydrateRoot } from 'react-dom/client'
import { App } from './react-app.js'

/** What the page leaves on `window` for the test: the phase of every commit of the app. */
export type ReactPageWindow = Window & { commits: string[] }

// The page script of the React suite: hydrates the server's markup when there is some (with no
// CookieProvider, as the README advises for the browser), else renders from scratch.
const w = window as unknown as ReactPageWindow
w.commits = []
const root = document.getElementById('root')!
const app = createElement(
  Profiler,
  { id: 'app', onRender: (_, phase) => w.commits.push(phase) },
  createElement(App),
)
if (root.hasChildNodes()) hydrateRoot(root, app)
else createRoot(root).render(app)
