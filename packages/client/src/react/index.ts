export type { CookieProviderProps } from './cookie-provider.js'
export { CookieProvider } from './cookie-provider.js'
export type { UseCookieResult } from './use-cookie.js'
export { useCookie } from './use-cookie.js'
