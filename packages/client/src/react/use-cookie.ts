import { useContext, useMemo, useSyncExternalStore } from 'react'
import { browserCookies } from '../internal/browser-cookies.js'
import { cookieSnapshot } from '../internal/cookie-snapshot.js'
import { declarationOf } from '../internal/declaration-of.js'
import { RequestCookiesContext } from '../internal/request-cookies-context.js'
import type { CookieSchema, CookieValue, DeclaredValue } from '../jar/cookie-schema.js'
import type { CookieWriteResult } from '../jar/cookie-write-result.js'
import type { CookieDefinitions } from '../jar/define-cookies.js'
import { removeCookie } from '../jar/remove-cookie.js'
import { setCookie } from '../jar/set-cookie.js'
import { subscribeCookie } from '../jar/subscribe-cookie.js'

/**
 * What {@link useCookie} returns for a declaration: its value, then `set` and `remove` unless
 * the cookie is `readOnly`, whose tuple stops at the value.
 */
export type UseCookieResult<D> = D extends { readOnly: true }
  ? readonly [value: CookieValue<D>]
  : readonly [
      value: CookieValue<D>,
      set: (value: DeclaredValue<D>) => CookieWriteResult,
      remove: () => CookieWriteResult,
    ]

/** What one jar and name give `useSyncExternalStore`, made once per pair. */
interface CookieStore {
  readonly subscribe: (onChange: () => void) => () => void
  readonly getSnapshot: () => unknown
  readonly result: readonly unknown[]
}

/**
 * The typed value of cookie `name`, kept current: the component renders again when the cookie
 * changes by any means (`set`, another script, another tab, a server response), through
 * {@link subscribeCookie}. `set` and `remove` are {@link setCookie} and {@link removeCookie} on
 * this cookie, the same functions on every render. Built on React's `useSyncExternalStore`; the
 * value is the same object for as long as the cookie's text is unchanged, so a `jsonCodec`
 * cookie is safe to use in effects' dependencies. In server rendering the value comes from the
 * request's `Cookie` header given to a {@link CookieProvider} above (the default without one),
 * and hydration reads the browser's cookies, so the two agree.
 *
 * An undeclared name is a type error and `INVALID_COOKIE_NAME` at run time; a `readOnly`
 * cookie gives only its value. Declare the jar once, outside components: a new jar on every
 * render would subscribe again on every render.
 *
 * @example
 * const [theme, setTheme] = useCookie(cookies, 'theme')
 * return <button onClick={() => setTheme(theme === 'dark' ? 'light' : 'dark')}>{theme}</button>
 */
export function useCookie<S extends CookieSchema, N extends keyof S & string>(
  cookies: CookieDefinitions<S>,
  name: N,
): UseCookieResult<S[N]> {
  const store = useMemo((): CookieStore => {
    const jar = cookies as CookieDefinitions<CookieSchema>
    const { readOnly } = declarationOf(jar, name)
    const set = (value: unknown): CookieWriteResult => setCookie(jar, name, value)
    const remove = (): CookieWriteResult => removeCookie(jar, name)
    return {
      subscribe: (onChange) => subscribeCookie(jar, name, () => onChange()),
      getSnapshot: () => cookieSnapshot(jar, name, browserCookies.get(name)),
      result: readOnly === true ? [] : [set, remove],
    }
  }, [cookies, name])
  const request = useContext(RequestCookiesContext)
  const getServerSnapshot = useMemo(() => {
    if (request === undefined) return store.getSnapshot
    const value = cookieSnapshot(
      cookies as CookieDefinitions<CookieSchema>,
      name,
      request.get(name),
    )
    return () => value
  }, [store, request, cookies, name])
  const value = useSyncExternalStore(store.subscribe, store.getSnapshot, getServerSnapshot)
  return [value, ...store.result] as unknown as UseCookieResult<S[N]>
}
