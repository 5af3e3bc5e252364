import type Cookies from 'js-cookie'
import type { ClientCookieAttributes } from '../jar/cookie-schema.js'

const capitalize = <T extends string>(word: T | undefined): Capitalize<T> | undefined =>
  word && ((word[0]!.toUpperCase() + word.slice(1)) as Capitalize<T>)

/**
 * The attribute object js-cookie writes for a declaration. js-cookie writes each truthy key as
 * `; key=value`, and calls `split` on the value, so numbers become strings. For a removal the
 * lifetime is left out: js-cookie adds an expired `expires`, and a `max-age` would win over it.
 */
export function toJsCookieAttributes(
  attributes: ClientCookieAttributes,
  removal: boolean,
): Cookies.CookieAttributes {
  const { maxAge, expires, sameSite, priority, ...rest } = attributes
  return {
    ...rest,
    // js-cookie's own default is `/`, but an explicit `path: undefined` would erase it.
    path: attributes.path ?? '/',
    sameSite: capitalize(sameSite),
    priority: capitalize(priority),
    ...(removal ? {} : { expires, 'max-age': maxAge === undefined ? undefined : String(maxAge) }),
  }
}
