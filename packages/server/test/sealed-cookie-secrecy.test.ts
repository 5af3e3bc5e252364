import { afterEach, describe, expect, it } from 'vitest'
import type { SessionOptions } from '../src/engine/session-options.js'
import { Client } from './harness/client.js'
import { type StoreHost, startStoreHost } from './harness/store-host.js'

const SECRET = 'a-test-secret-that-is-long-enough-0008'
/** What the session holds: a user name and a value of its own, both distinctive. */
const NAME = 'zelda-of-hyrule'
const NOTE = 'passport-number-X1234567'

/**
 * Every way `text` could show in a cookie: as it is, percent-encoded, in hex, and in base64 and
 * base64url at each of the three alignments a substring can take (the characters that straddle
 * the edges cut off).
 */
function encodingsOf(text: string): string[] {
  const bytes = Buffer.from(text, 'utf8')
  const out = [text, encodeURIComponent(text), bytes.toString('hex')]
  for (let shift = 0; shift < 3; shift++) {
    const padded = Buffer.concat([Buffer.alloc(shift), bytes])
    for (const encoding of ['base64', 'base64url'] as const) {
      const encoded = padded.toString(encoding).replace(/=+$/, '')
      // The first characters carry the padding bytes, the last ones a partial group.
      out.push(encoded.slice(Math.ceil((shift * 4) / 3), -2))
    }
  }
  return out
}

/** The session's contents (a key name, its values) found in `lines`, in any encoding. */
function leaked(lines: readonly string[]): string[] {
  const all = lines.join('\n')
  return [NAME, NOTE, 'username'].filter((text) =>
    encodingsOf(text).some((form) => all.includes(form)),
  )
}

describe('the default session cookie', () => {
  const hosts: StoreHost[] = []
  afterEach(async () => {
    await Promise.all(hosts.splice(0).map((host) => host.close()))
  })

  async function sessionLines(options: Partial<SessionOptions>): Promise<string[]> {
    const host = await startStoreHost({ secret: SECRET, ...options })
    hosts.push(host)
    const client = new Client(host.url)
    const lines = [...(await client.post(`/login?name=${NAME}`)).setCookies]
    lines.push(...(await client.get(`/put?key=note&value=${NOTE}`)).setCookies)
    expect(JSON.parse((await client.get('/dump')).body)).toMatchObject({
      username: NAME,
      note: NOTE,
    })
    expect(lines.filter((line) => line.startsWith('session='))).toHaveLength(2)
    return lines
  }

  it('is sealed: no field name or value shows in its Set-Cookie, plain or in any encoding', async () => {
    expect(leaked(await sessionLines({}))).toEqual([])
  })

  it('shows them in the readable signed format, so the search above can find them', async () => {
    expect(leaked(await sessionLines({ format: 'signed' }))).toEqual([NAME, NOTE, 'username'])
  })
})
