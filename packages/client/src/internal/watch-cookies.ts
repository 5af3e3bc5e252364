import type { ResolvedJarOptions } from '../jar/jar-options.js'

/** The CookieStore API as far as change events go (Chromium 87+, Safari 18.4+, Firefox 140+). */
interface CookieStoreEvents {
  addEventListener(type: 'change', listener: () => void): void
  removeEventListener(type: 'change', listener: () => void): void
}

/**
 * Calls `onChange` whenever `document.cookie` may have changed, until the returned function
 * stops it: on CookieStore `change` events where the browser has them (and
 * `options.cookieStore` allows), otherwise by comparing `document.cookie` every
 * `options.pollInterval` seconds while the tab is visible.
 */
export function watchCookies(
  onChange: () => void,
  options: Pick<ResolvedJarOptions, 'pollInterval' | 'cookieStore'>,
): () => void {
  const store = (globalThis as { cookieStore?: CookieStoreEvents }).cookieStore
  if (options.cookieStore && typeof store?.addEventListener === 'function') {
    store.addEventListener('change', onChange)
    return () => store.removeEventListener('change', onChange)
  }
  let snapshot = document.cookie
  let timer: ReturnType<typeof setInterval> | undefined
  const poll = (): void => {
    const cookies = document.cookie
    if (cookies === snapshot) return
    snapshot = cookies
    onChange()
  }
  const follow = (): void => {
    clearInterval(timer)
    timer = undefined
    if (document.hidden) return
    // Changes made while hidden are seen at once on return, not one interval later.
    poll()
    timer = setInterval(poll, options.pollInterval * 1000)
  }
  document.addEventListener('visibilitychange', follow)
  follow()
  return () => {
    clearInterval(timer)
    document.removeEventListener('visibilitychange', follow)
  }
}
