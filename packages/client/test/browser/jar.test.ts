import type { BrowserContext, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { hasChromium } from './chromium.js'
import type { PageWindow } from './page-window.js'
import { useChromiumPage } from './use-chromium-page.js'

describe.skipIf(!hasChromium)('createCookieJar in Chromium', () => {
  let context: BrowserContext
  let page: Page
  useChromiumPage('/app/page', (env) => {
    ;({ context, page } = env)
  })

  it('sets, gets and removes typed values', async () => {
    const result = await page.evaluate(() => {
      const { createCookieJar, enumCodec, integerCodec, dateCodec, jsonCodec } = (
        window as unknown as PageWindow
      ).crumbs
      const jar = createCookieJar({
        theme: { codec: enumCodec(['light', 'dark']), default: 'light' },
        visits: { codec: integerCodec(), attributes: { maxAge: 3600, sameSite: 'lax' } },
        seen: { codec: dateCodec() },
        prefs: { codec: jsonCodec((v): v is { tags: string[] } => typeof v === 'object') },
      })
      const writes = [
        jar.set('theme', 'dark'),
        jar.set('visits', 41),
        jar.set('seen', new Date('2025-06-01T12:00:00.000Z')),
        jar.set('prefs', { tags: ['a b', 'ç'] }),
      ]
      const read = [
        jar.get('theme'),
        jar.get('visits'),
        jar.get('seen')?.toISOString(),
        jar.get('prefs'),
      ]
      const removals = [jar.remove('theme'), jar.remove('visits')]
      return {
        writes,
        read,
        removals,
        after: [jar.get('theme'), jar.get('visits')],
        cookie: document.cookie,
      }
    })
    expect(result.writes).toEqual(Array(4).fill({ ok: true }))
    expect(result.read).toEqual(['dark', 41, '2025-06-01T12:00:00.000Z', { tags: ['a b', 'ç'] }])
    expect(result.removals).toEqual([{ ok: true }, { ok: true }])
    expect(result.after).toEqual(['light', undefined])
    expect(result.cookie).not.toMatch(/theme|visits/)
  })

  it('removes a cookie with the path it was declared with', async () => {
    const { before, removed, after } = await page.evaluate(() => {
      const { createCookieJar, stringCodec } = (window as unknown as PageWindow).crumbs
      const jar = createCookieJar({
        scoped: { codec: stringCodec(), attributes: { path: '/app' } },
      })
      jar.set('scoped', 'x')
      const before = document.cookie
      return { before, removed: jar.remove('scoped'), after: document.cookie }
    })
    expect(before).toBe('scoped=x')
    expect(removed).toEqual({ ok: true })
    expect(after).toBe('')
    const cookies = await context.cookies()
    expect(cookies.map((cookie) => cookie.name)).not.toContain('scoped')
  })

  it('reports a write the browser refuses, and one it never attempts', async () => {
    const results = await page.evaluate(() => {
      const { createCookieJar, stringCodec } = (window as unknown as PageWindow).crumbs
      const jar = createCookieJar({
        foreign: { codec: stringCodec(), attributes: { domain: 'example.com' } },
        big: { codec: stringCodec() },
      })
      return [jar.set('foreign', 'x'), jar.set('big', 'x'.repeat(4094)), document.cookie]
    })
    expect(results).toEqual([
      { ok: false, reason: 'refused' },
      { ok: false, reason: 'too-large' },
      '',
    ])
  })

  it('reports a write that a cookie with a longer path shadows', async () => {
    await page.evaluate(() => fetch('/server/set?name=lang&value=fr&path=/app'))
    const result = await page.evaluate(() => {
      const { createCookieJar, stringCodec } = (window as unknown as PageWindow).crumbs
      const jar = createCookieJar({ lang: { codec: stringCodec() } })
      return { write: jar.set('lang', 'en'), read: jar.get('lang'), cookie: document.cookie }
    })
    expect(result).toEqual({
      write: { ok: false, reason: 'refused' },
      read: 'fr',
      cookie: 'lang=fr; lang=en',
    })
  })

  it('writes a Secure cookie on http://127.0.0.1, which Chromium counts as secure', async () => {
    const result = await page.evaluate(() => {
      const { createCookieJar, stringCodec } = (window as unknown as PageWindow).crumbs
      const jar = createCookieJar({
        '__Host-pref': { codec: stringCodec(), attributes: { secure: true, sameSite: 'strict' } },
      })
      return [jar.set('__Host-pref', 'v'), jar.get('__Host-pref')]
    })
    expect(result).toEqual([{ ok: true }, 'v'])
    const [cookie] = await context.cookies()
    expect(cookie).toMatchObject({
      name: '__Host-pref',
      secure: true,
      sameSite: 'Strict',
      path: '/',
    })
  })
})
