import { createElement } from 'react'
import { renderToString } from 'react-dom/server'
import { describe, expect, it, vi } from 'vitest'
import { defineCookies, enumCodec, jsonCodec, stringCodec } from '../src/index.js'
import { CookieProvider, useCookie } from '../src/react/index.js'

// This file runs in Node, with no `document`: the hook as a server-rendering app renders it.
const isPrefs = (value: unknown): value is { lang: string } =>
  typeof (value as { lang?: unknown } | null)?.lang === 'string'

const onInvalid = vi.fn()
const cookies = defineCookies(
  {
    theme: { codec: enumCodec(['light', 'dark']), default: 'light' },
    prefs: { codec: jsonCodec(isPrefs) },
    user: { codec: stringCodec(), readOnly: true },
  },
  { onInvalid },
)

function Page(): string {
  const [theme] = useCookie(cookies, 'theme')
  const [prefs] = useCookie(cookies, 'prefs')
  const [user] = useCookie(cookies, 'user')
  return `${theme} ${prefs?.lang ?? '-'} ${user ?? '-'}`
}

/** Records the `prefs` value of each render in `seen`. */
function Prefs({ seen }: { seen: unknown[] }): null {
  seen.push(useCookie(cookies, 'prefs')[0])
  return null
}

const render = (header?: string | null): string =>
  renderToString(
    header === undefined
      ? createElement(Page)
      : createElement(CookieProvider, { header }, createElement(Page)),
  )

describe('useCookie in server rendering', () => {
  it('renders the values of the Cookie header given to CookieProvider', () => {
    expect(typeof document).toBe('undefined')
    const prefs = encodeURIComponent(JSON.stringify({ lang: 'fr' }))
    expect(render(`theme=dark; prefs=${prefs}; user=john; session=s`)).toBe('dark fr john')
  })

  it('renders the defaults without a provider, or for a request without cookies', () => {
    expect(render()).toBe('light - -')
    expect(render(null)).toBe('light - -')
    expect(render('')).toBe('light - -')
  })

  it('renders the default for an invalid value and reports it', () => {
    expect(render('theme=blue; prefs=%7B')).toBe('light - -')
    expect(onInvalid).toHaveBeenCalledWith({ name: 'theme', value: 'blue' })
    expect(onInvalid).toHaveBeenCalledWith({ name: 'prefs', value: '{' })
  })

  it('keeps no decoded value from one request for the next', () => {
    const seen: unknown[] = []
    const header = `prefs=${encodeURIComponent('{"lang":"fr"}')}`
    for (let i = 0; i < 2; i++) {
      renderToString(createElement(CookieProvider, { header }, createElement(Prefs, { seen })))
    }
    expect(seen).toEqual([{ lang: 'fr' }, { lang: 'fr' }])
    expect(seen[0]).not.toBe(seen[1])
  })
})
