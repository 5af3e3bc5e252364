import { CrumbsError } from '@crumbs/core'
import type { CookieDeclaration, CookieSchema } from '../jar/cookie-schema.js'
import type { CookieDefinitions } from '../jar/define-cookies.js'

/**
 * The declaration of `name`. Throws `INVALID_COOKIE_NAME` when it is not declared (own keys
 * only, so `__proto__` or `constructor` is never a cookie), and `INVALID_OPTION` when `write`
 * asks for a `readOnly` one: both are caller mistakes the types already reject.
 */
export function declarationOf(
  jar: CookieDefinitions<CookieSchema>,
  name: string,
  write?: boolean,
): CookieDeclaration {
  const found = Object.hasOwn(jar.schema, name) ? jar.schema[name] : undefined
  if (found !== undefined && !(write && found.readOnly === true)) return found
  throw found === undefined
    ? new CrumbsError('INVALID_COOKIE_NAME', `Cookie "${name}" is not declared.`, {
        details: { name },
      })
    : new CrumbsError('INVALID_OPTION', `Cookie "${name}" is read-only.`, {
        details: { name, option: 'readOnly' },
      })
}
