import http from 'node:http'
import express from 'express'
import { describe, expect, it, vi } from 'vitest'
import { session } from '../src/entries/express.js'
import { loopbackServers } from './harness/loopback.js'

const SECRET = 'a-test-secret-that-is-long-enough-0031'
const listen = loopbackServers()

/**
 * A second, separately evaluated copy of the adapter: what an app gets when one module imports
 * `@crumbs/server/express` (ESM build) and another requires it (CommonJS build).
 */
async function otherCopy(): Promise<typeof import('../src/entries/express.js')> {
  vi.resetModules()
  return import('../src/entries/express.js')
}

describe('express adapter: both builds of crumbs on one app', () => {
  it('keeps req.session, req.cookies and res.setCookie working for the mounts of either copy', async () => {
    const other = await otherCopy()
    expect(other.session).not.toBe(session)
    const app = express()
    app.use('/esm', session({ secret: SECRET }))
    app.use('/cjs', other.session({ secret: SECRET }))
    for (const mount of ['/esm', '/cjs']) {
      app.get(`${mount}/visit`, (req, res) => {
        const visits = Number(req.session.get('visits') ?? 0) + 1
        req.session.set('visits', visits)
        res.setCookie('last', mount.slice(1))
        res.json({ visits, last: req.cookies.get('last') ?? null })
      })
    }
    const url = await listen(http.createServer(app))
    const jar = new Map<string, string>()
    const seen: unknown[] = []
    for (const mount of ['/esm', '/cjs', '/esm', '/cjs']) {
      const cookie = [...jar].map(([name, value]) => `${name}=${value}`).join('; ')
      const response = await fetch(`${url}${mount}/visit`, { headers: { cookie } })
      expect(response.status).toBe(200)
      for (const line of response.headers.getSetCookie()) {
        const [pair = ''] = line.split(';')
        const at = pair.indexOf('=')
        jar.set(pair.slice(0, at), pair.slice(at + 1))
      }
      seen.push(await response.json())
    }
    expect(seen).toEqual([
      { visits: 1, last: null },
      { visits: 2, last: 'esm' },
      { visits: 3, last: 'cjs' },
      { visits: 4, last: 'esm' },
    ])
  })
})
