import { browserCookies } from '../internal/browser-cookies.js'
import { declarationOf } from '../internal/declaration-of.js'
import { decodeDeclared } from '../internal/decode-declared.js'
import { watchCookies } from '../internal/watch-cookies.js'
import type { CookieSchema, CookieValue } from './cookie-schema.js'
import type { CookieDefinitions, JarState } from './define-cookies.js'
import { resolveJarOptions } from './jar-options.js'

interface Subscription {
  readonly name: string
  readonly callback: (value: unknown) => void
  /** The text last passed on, to call back only on a change. */
  last: string | undefined
}

interface Watch {
  readonly subscriptions: Set<Subscription>
  readonly stop: () => void
}

const watches = new WeakMap<JarState, Watch>()

/**
 * Calls `callback` with cookie `name`'s typed value whenever it changes, by whatever means
 * (another tab, a server response, a write through this jar, which notifies at once), until
 * the returned function is called. Listens to CookieStore `change` events where the browser
 * has them, and otherwise polls `document.cookie` every `pollInterval` seconds only while
 * someone is subscribed, paused while the tab is hidden. Without a `document` it does nothing.
 * Unlike the other functions it checks its arguments when it starts, since a mistake would
 * otherwise surface only at a later change: `INVALID_COOKIE_NAME` for an undeclared name,
 * `INVALID_OPTION` for invalid jar options.
 *
 * @example
 * const stop = subscribeCookie(cookies, 'theme', (theme) => applyTheme(theme))
 */
export function subscribeCookie<S extends CookieSchema, N extends keyof S & string>(
  jar: CookieDefinitions<S>,
  name: N,
  callback: (value: CookieValue<S[N]>) => void,
): () => void {
  declarationOf(jar, name)
  const options = resolveJarOptions(jar.options)
  if (typeof document === 'undefined') return () => {}
  const { state } = jar
  // The current value is read before the watcher starts: listening to CookieStore first made
  // Chromium miss a first change now and then in test/browser/subscribe.test.ts.
  const subscription: Subscription = {
    name,
    callback: callback as (value: unknown) => void,
    last: browserCookies.get(name),
  }
  let watch = watches.get(state)
  if (watch === undefined) {
    const subscriptions = new Set<Subscription>([subscription])
    const notify = (): void => {
      for (const subscription of subscriptions) {
        const text = browserCookies.get(subscription.name)
        if (text === subscription.last) continue
        subscription.last = text
        try {
          subscription.callback(decodeDeclared(jar, subscription.name, text))
        } catch (error) {
          // One failing callback must not starve the others; the error still surfaces.
          setTimeout(() => {
            throw error
          })
        }
      }
    }
    watch = { subscriptions, stop: watchCookies(notify, options) }
    watches.set(state, watch)
    state.notify = notify
  } else watch.subscriptions.add(subscription)
  const current = watch
  return () => {
    current.subscriptions.delete(subscription)
    if (current.subscriptions.size > 0 || watches.get(state) !== current) return
    current.stop()
    watches.delete(state)
    state.notify = undefined
  }
}
