import { describe, expect, it } from 'vitest'
import * as client from './index.js'

describe('@crumbs/client', () => {
  it('exports exactly its public runtime names', () => {
    expect(Object.keys(client).sort()).toMatchInlineSnapshot(`
      [
        "CSRF_DEFAULTS",
        "JAR_DEFAULTS",
        "booleanCodec",
        "checkCookieSchema",
        "createCookieJar",
        "csrfFetch",
        "dateCodec",
        "defineCookies",
        "enumCodec",
        "fromCookieHeader",
        "getCookie",
        "integerCodec",
        "jsonCodec",
        "readCsrfToken",
        "removeCookie",
        "resolveJarOptions",
        "setCookie",
        "stringCodec",
        "subscribeCookie",
      ]
    `)
  })
})
