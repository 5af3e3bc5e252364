import { describe, expect, it } from 'vitest'
import { createFlaskCodec } from './flask/index.js'
import { flaskSessionCodec } from './flask-session-codec.js'

const SECRET = 'flask-session-codec-test-secret-0123456789'
const ISSUED = Date.UTC(2030, 0, 1) / 1000

describe('flaskSessionCodec', () => {
  it('reads the creation time crumbs keeps in _crumbs', async () => {
    const cookie = await createFlaskCodec({ secrets: [SECRET] }).encode(
      { username: 'john', _crumbs: { c: ISSUED - 600 } },
      new Date(ISSUED * 1000),
    )
    const decoded = await flaskSessionCodec([SECRET], 86_400, false).decode(
      cookie,
      'session',
      ISSUED,
    )
    expect(decoded).toMatchObject({ valid: true, record: { createdAt: ISSUED - 600 } })
  })

  it('clamps a creation time in the future to the cookie’s own date, so the absolute timeout holds', async () => {
    const cookie = await createFlaskCodec({ secrets: [SECRET] }).encode(
      { username: 'john', _crumbs: { c: ISSUED + 10 * 365 * 86_400 } },
      new Date(ISSUED * 1000),
    )
    const decoded = await flaskSessionCodec([SECRET], 86_400, false).decode(
      cookie,
      'session',
      ISSUED,
    )
    expect(decoded).toMatchObject({ valid: true, record: { createdAt: ISSUED, touchedAt: ISSUED } })
  })
})
