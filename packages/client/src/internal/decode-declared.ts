import type { CookieSchema } from '../jar/cookie-schema.js'
import type { CookieDefinitions } from '../jar/define-cookies.js'
import { JAR_DEFAULTS } from '../jar/jar-options.js'
import { declarationOf } from './declaration-of.js'

/**
 * The typed value of cookie `name` whose decoded text is `text`: its default (or `undefined`)
 * when absent, or when its codec refuses the text, which `onInvalid` hears once per distinct
 * bad value.
 */
export function decodeDeclared(
  jar: CookieDefinitions<CookieSchema>,
  name: string,
  text: string | undefined,
): unknown {
  const { codec, default: fallback } = declarationOf(jar, name)
  if (text === undefined) return fallback
  const value = codec.decode(text)
  if (value !== undefined) return value
  if (jar.state.reported[name] !== text) {
    jar.state.reported[name] = text
    ;(jar.options.onInvalid ?? JAR_DEFAULTS.onInvalid)({ name, value: text })
  }
  return fallback
}
