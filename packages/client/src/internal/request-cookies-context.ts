import type { CookieMap } from '@crumbs/core'
import { createContext } from 'react'

/**
 * The request's cookies that {@link CookieProvider} hands to {@link useCookie} as its server
 * snapshot, or `undefined` outside a provider (or with no `header`): then the snapshot is read
 * from the browser, or is the declared default without a `document`.
 */
export const RequestCookiesContext = /* @__PURE__ */ createContext<CookieMap | undefined>(undefined)
