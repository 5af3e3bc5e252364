import { parseCookie } from '@crumbs/core'
import { act, createElement, StrictMode } from 'react'
import { createRoot, type Root } from 'react-dom/client'
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { enumCodec } from '../codecs/enum-codec.js'
import { integerCodec } from '../codecs/integer-codec.js'
import { jsonCodec } from '../codecs/json-codec.js'
import { stringCodec } from '../codecs/string-codec.js'
import { defineCookies } from '../jar/define-cookies.js'
import { type UseCookieResult, useCookie } from './use-cookie.js'

interface Prefs {
  lang: string
}
const isPrefs = (value: unknown): value is Prefs =>
  typeof (value as Prefs | null)?.lang === 'string'

const schema = {
  theme: { codec: enumCodec(['light', 'dark']), default: 'light' },
  visits: { codec: integerCodec({ min: 0 }) },
  prefs: { codec: jsonCodec(isPrefs) },
  user: { codec: stringCodec(), readOnly: true },
} as const

/** Writes a cookie as a server or another script would; happy-dom needs the explicit path. */
function put(pair: string): void {
  // biome-ignore lint/suspicious/noDocumentCookie: the test plays the server or another script
  document.cookie = `${pair}; Path=/`
}

function clearCookies(): void {
  for (const name of parseCookie(document.cookie).keys()) {
    put(`${name}=; Expires=Thu, 01 Jan 1970 00:00:00 GMT`)
  }
}

let root: Root | undefined

/** Calls `hook` on every render and records what it returns. */
function Probe({ hook, results }: { hook: () => unknown; results: unknown[] }): null {
  results.push(hook())
  return null
}

/** Renders `hook` into a fresh root and returns every result it gave, in order. */
function renderHook<R>(hook: () => R, strict = false): R[] {
  const results: R[] = []
  root = createRoot(document.createElement('div'))
  const probe = createElement(Probe, { hook, results })
  act(() => root!.render(strict ? createElement(StrictMode, null, probe) : probe))
  return results
}

beforeAll(() => {
  ;(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true
})
beforeEach(clearCookies)
afterEach(() => {
  act(() => root?.unmount())
  root = undefined
  clearCookies()
  vi.useRealTimers()
  vi.restoreAllMocks()
})

describe('useCookie', () => {
  it('returns the typed value, or the default when the cookie is absent', () => {
    const cookies = defineCookies(schema)
    put('visits=3')
    const theme = renderHook(() => useCookie(cookies, 'theme'))
    const visits = renderHook(() => useCookie(cookies, 'visits'))
    expect(theme.at(-1)![0]).toBe('light')
    expect(visits.at(-1)![0]).toBe(3)
  })

  it('writes with set and remove, re-rendering once for each change', () => {
    const cookies = defineCookies(schema, { cookieStore: false })
    const renders = renderHook(() => useCookie(cookies, 'theme'))
    expect(renders).toHaveLength(1)
    const [, set, remove] = renders[0]!
    act(() => {
      expect(set('dark')).toEqual({ ok: true })
    })
    expect(renders.map(([value]) => value)).toEqual(['light', 'dark'])
    expect(parseCookie(document.cookie).get('theme')).toBe('dark')
    act(() => {
      set('dark')
    })
    expect(renders).toHaveLength(2)
    act(() => {
      expect(remove()).toEqual({ ok: true })
    })
    expect(renders.map(([value]) => value)).toEqual(['light', 'dark', 'light'])
    expect(parseCookie(document.cookie).has('theme')).toBe(false)
  })

  it('gives set and remove the same identity on every render', () => {
    const cookies = defineCookies(schema, { cookieStore: false })
    const renders = renderHook(() => useCookie(cookies, 'visits'))
    act(() => {
      renders[0]![1](1)
    })
    act(() => {
      renders[1]![1](2)
    })
    expect(renders.map(([value]) => value)).toEqual([undefined, 1, 2])
    for (const [, set, remove] of renders) {
      expect(set).toBe(renders[0]![1])
      expect(remove).toBe(renders[0]![2])
    }
  })

  it('renders again when another script changes the cookie', () => {
    vi.useFakeTimers()
    const cookies = defineCookies(schema, { cookieStore: false, pollInterval: 0.5 })
    const renders = renderHook(() => useCookie(cookies, 'theme'))
    put('theme=dark')
    act(() => {
      vi.advanceTimersByTime(500)
    })
    expect(renders.map(([value]) => value)).toEqual(['light', 'dark'])
  })

  it('stops following the cookie when the component unmounts', () => {
    vi.useFakeTimers()
    const cookies = defineCookies(schema, { cookieStore: false })
    renderHook(() => useCookie(cookies, 'theme'))
    expect(vi.getTimerCount()).toBe(1)
    act(() => root!.unmount())
    root = undefined
    expect(vi.getTimerCount()).toBe(0)
  })

  it('keeps a jsonCodec value the same object while its text is unchanged', () => {
    const cookies = defineCookies(schema, { cookieStore: false })
    put(`prefs=${encodeURIComponent('{"lang":"fr"}')}`)
    const error = vi.spyOn(console, 'error')
    const first = renderHook(() => useCookie(cookies, 'prefs'))
    const second = renderHook(() => useCookie(cookies, 'prefs'))
    expect(first.at(-1)![0]).toEqual({ lang: 'fr' })
    // Both components, and every render, see one object: no render loop, and effects that
    // depend on the value run once.
    expect(second.at(-1)![0]).toBe(first.at(-1)![0])
    act(() => {
      first[0]![1]({ lang: 'de' })
    })
    expect(first.at(-1)![0]).toEqual({ lang: 'de' })
    expect(second.at(-1)![0]).toBe(first.at(-1)![0])
    expect(error).not.toHaveBeenCalled()
  })

  it('follows the cookie under StrictMode, which subscribes twice', () => {
    const cookies = defineCookies(schema, { cookieStore: false })
    const renders = renderHook(() => useCookie(cookies, 'theme'), true)
    act(() => {
      renders[0]![1]('dark')
    })
    expect(renders.at(-1)![0]).toBe('dark')
  })

  it('gives a readOnly cookie its value only', () => {
    const cookies = defineCookies(schema)
    put('user=john')
    const renders = renderHook(() => useCookie(cookies, 'user'))
    expect(renders.at(-1)).toEqual(['john'])
  })

  it('throws INVALID_COOKIE_NAME for an undeclared name', () => {
    const cookies = defineCookies(schema)
    vi.spyOn(console, 'error').mockImplementation(() => {})
    expect(() => renderHook(() => useCookie(cookies, 'other' as never))).toThrow(
      expect.objectContaining({ code: 'INVALID_COOKIE_NAME' }),
    )
  })
})

// Compiled by `tsc` and never rendered: the hook is typed as the jar is.
export function TypesOnly(): null {
  const cookies = defineCookies(schema)
  const [theme, setTheme, removeTheme] = useCookie(cookies, 'theme')
  const narrowed: 'light' | 'dark' = theme
  setTheme('dark')
  // @ts-expect-error not in the enum
  setTheme('blue')
  removeTheme()
  const [visits] = useCookie(cookies, 'visits')
  const maybe: number | undefined = visits
  // @ts-expect-error undefined without a default
  const sure: number = visits
  // @ts-expect-error an undeclared name
  useCookie(cookies, 'other')
  // @ts-expect-error a readOnly cookie has no set
  const [, setUser] = useCookie(cookies, 'user')
  const user: UseCookieResult<(typeof schema)['user']> = useCookie(cookies, 'user')
  void [narrowed, maybe, sure, setUser, user]
  return null
}
