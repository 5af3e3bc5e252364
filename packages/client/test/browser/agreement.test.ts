import { serializeCookie } from '@crumbs/core'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { hasChromium } from './chromium.js'
import type { PageWindow } from './page-window.js'
import { useChromiumPage } from './use-chromium-page.js'

/** Values that differ between encoders: separators, quotes, `%`, non-ASCII, JSON. */
const VALUES: [label: string, value: string][] = [
  ['plain text', 'john'],
  ['spaces', 'John Smith '],
  ['commas', 'a,b,,c'],
  ['semicolons', 'a;b; c'],
  ['double quotes', 'say "hi"'],
  ['a quoted-looking value', '"quoted"'],
  ['backslashes', 'C:\\path\\'],
  ['percent signs', '100% and %41'],
  ['equals signs', '=a=b='],
  ['non-ASCII text', 'Zoë — 東京 🍪'],
  ['JSON', JSON.stringify({ user: 'ana', roles: ['a b', 'c;d'], n: 1, ok: true, nil: null })],
  ['the empty string', ''],
]

interface ServerRead {
  value: string | null
  header: string
}

describe.skipIf(!hasChromium)('client and @crumbs/server agree in Chromium', () => {
  let page: Page
  useChromiumPage('', (env) => {
    ;({ page } = env)
  })

  it.each(VALUES)('sends %s written by the jar to the server byte for byte', async (_, value) => {
    const read = await page.evaluate(async (value) => {
      const { createCookieJar, stringCodec } = (window as unknown as PageWindow).crumbs
      const jar = createCookieJar({ v: { codec: stringCodec() } })
      const result = jar.set('v', value)
      if (!result.ok) throw new Error(result.reason)
      return (await fetch('/server/read?name=v').then((r) => r.json())) as ServerRead
    }, value)
    expect(read.value).toBe(value)
    expect(read.header).toBe(serializeCookie('v', value))
  })

  it.each(VALUES)('reads %s set by the server', async (_, value) => {
    const read = await page.evaluate(async (value) => {
      const { createCookieJar, stringCodec } = (window as unknown as PageWindow).crumbs
      await fetch(`/server/set?name=v&value=${encodeURIComponent(value)}`)
      return createCookieJar({ v: { codec: stringCodec() } }).get('v')
    }, value)
    expect(read).toBe(value)
  })

  it('agrees through the function API too, both ways, for every value', async () => {
    const seen = await page.evaluate(
      async (values) => {
        const { defineCookies, getCookie, removeCookie, setCookie, stringCodec } = (
          window as unknown as PageWindow
        ).crumbs
        const cookies = defineCookies({ v: { codec: stringCodec() } })
        const rows: [written: string | null, read: string | undefined, removed: boolean][] = []
        for (const value of values) {
          if (!setCookie(cookies, 'v', value).ok) throw new Error(`not written: ${value}`)
          const written = ((await fetch('/server/read?name=v').then((r) => r.json())) as ServerRead)
            .value
          await fetch(`/server/set?name=v&value=${encodeURIComponent(`${value}!`)}`)
          rows.push([written, getCookie(cookies, 'v'), removeCookie(cookies, 'v').ok])
        }
        return rows
      },
      VALUES.map(([, value]) => value),
    )
    expect(seen).toEqual(VALUES.map(([, value]) => [value, `${value}!`, true]))
  })

  it('agrees on JSON data both ways', async () => {
    const data = { user: 'Zoë', roles: ['admin', 'a;b'], since: 2024 }
    const result = await page.evaluate(async (data) => {
      const { createCookieJar, jsonCodec } = (window as unknown as PageWindow).crumbs
      const isData = (v: unknown): v is typeof data => typeof v === 'object' && v !== null
      const jar = createCookieJar({ prefs: { codec: jsonCodec(isData) } })
      jar.set('prefs', data)
      const serverSaw = (
        (await fetch('/server/read?name=prefs').then((r) => r.json())) as ServerRead
      ).value
      const back = { ...data, roles: ['viewer'] }
      await fetch(`/server/set?name=prefs&value=${encodeURIComponent(JSON.stringify(back))}`)
      return { serverSaw, clientSaw: jar.get('prefs') }
    }, data)
    expect(JSON.parse(result.serverSaw!)).toEqual(data)
    expect(result.clientSaw).toEqual({ ...data, roles: ['viewer'] })
  })

  it('reads on the server, through fromHeader, what the page wrote', async () => {
    const header = await page.evaluate(async () => {
      const { createCookieJar, enumCodec } = (window as unknown as PageWindow).crumbs
      createCookieJar({ theme: { codec: enumCodec(['light', 'dark']) } }).set('theme', 'dark')
      return ((await fetch('/server/read?name=theme').then((r) => r.json())) as ServerRead).header
    })
    const { createCookieJar, enumCodec } = await import('../../src/index.js')
    const jar = createCookieJar({
      theme: { codec: enumCodec(['light', 'dark']), default: 'light' },
    })
    expect(jar.fromHeader(header).get('theme')).toBe('dark')
  })
})
