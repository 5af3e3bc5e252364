import { describe, expect, it } from 'vitest'
import * as engine from './engine.js'
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
        "serializeCookie",
        "sign",
        "unseal",
        "unsign",
      ]
    `)
  })

  it('@crumbs/core/engine exports exactly its names for engines, adapters and stores', () => {
    expect(Object.keys(engine).sort()).toMatchInlineSnapshot(`
      [
        "ParsedCookies",
        "checkSecretStrength",
        "decodeBase64UrlBytes",
        "decodeBase64UrlText",
        "encodeBase64UrlBytes",
        "encodeBase64UrlText",
        "hmacSha1MaybeSync",
        "sealMaybeSync",
        "sha256Base64Url",
        "signMaybeSync",
        "thenMaybe",
        "timingSafeEqual",
        "unsealMaybeSync",
        "unsignMaybeSync",
      ]
    `)
  })
})
