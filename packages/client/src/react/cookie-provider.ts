import { parseCookie } from '@crumbs/core'
import { createElement, type ReactElement, type ReactNode, useMemo } from 'react'
import { RequestCookiesContext } from '../internal/request-cookies-context.js'

/** Props of {@link CookieProvider}. */
export interface CookieProviderProps {
  /**
   * The request's `Cookie` header, which {@link useCookie} reads during server rendering and
   * hydration (`null` when the request had none). Leave it out in the browser: hydration then
   * reads `document.cookie`, which holds what the request sent.
   * @default undefined
   */
  header?: string | null | undefined
  children?: ReactNode
}

/**
 * Gives every {@link useCookie} below it the request's cookies for server rendering, read with
 * @crumbs/core's `parseCookie` as @crumbs/server reads them, so the server renders the values
 * the browser will hydrate with instead of the defaults.
 *
 * @example
 * // server
 * renderToString(<CookieProvider header={request.headers.get('cookie')}><App /></CookieProvider>)
 * // browser
 * hydrateRoot(root, <CookieProvider><App /></CookieProvider>)
 */
export function CookieProvider({ header, children }: CookieProviderProps): ReactElement {
  const cookies = useMemo(() => (header === undefined ? undefined : parseCookie(header)), [header])
  return createElement(RequestCookiesContext.Provider, { value: cookies }, children)
}
