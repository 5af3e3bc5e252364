import { describe, expect, it } from 'vitest'
import * as core from './index.js'

// The runtime surface of @crumbs/core, so an API change shows up as a reviewed diff.
describe('public surface', () => {
  it('exports exactly its public names', () => {
    expect(Object.keys(core).sort()).toMatchInlineSnapshot(`
      [
        "CrumbsError",
        "MAX_COOKIE_BYTES",
        "MIN_SECRET_BYTES",
        "assertSessionId",
        "checkSecretStrength",
        "createKeyring",
        "decodeCookieValue",
        "encodeCookieValue",
        "generateSessionId",
        "isCrumbsError",
        "isSessionId",
        "parseCookie",
        "parseSetCookie",
        "randomToken",
        "seal",
        "sealMaybeSync",
        "serializeCookie",
        "sign",
        "signMaybeSync",
        "unseal",
        "unsealMaybeSync",
        "unsign",
        "unsignMaybeSync",
      ]
    `)
  })
})
