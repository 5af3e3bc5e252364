import type { CookieSchema } from '../jar/cookie-schema.js'
import type { CookieDefinitions } from '../jar/define-cookies.js'
import { warnInvalidCookie } from './warn-invalid-cookie.js'

/**
 * The typed value of declared cookie `name` whose decoded text is `text`: its default (or
 * `undefined`) when absent, or when its codec refuses the text, which `onInvalid` hears once
 * per distinct bad value. The types keep `name` to declared ones.
 */
export function decodeDeclared(
  jar: CookieDefinitions<CookieSchema>,
  name: string,
  text: string | undefined,
): unknown {
  const { codec, default: fallback } = jar.schema[name]!
  if (text === undefined) return fallback
  const value = codec.decode(text)
  if (value !== undefined) return value
  if (jar.state.reported[name] !== text) {
    jar.state.reported[name] = text
    ;(jar.options.onInvalid ?? warnInvalidCookie)({ name, value: text })
  }
  return fallback
}
