import { CrumbsError } from '@crumbs/core'
import { warnInvalidCookie } from '../internal/warn-invalid-cookie.js'

/** What {@link CookieJarOptions.onInvalid} receives. */
export interface InvalidCookieEvent {
  /** The declared cookie's name. */
  readonly name: string
  /** The cookie's text, percent-decoded, that its codec refused. */
  readonly value: string
}

/** Options of a cookie jar. */
export interface CookieJarOptions {
  /**
   * Seconds between checks of `document.cookie` while someone is subscribed, in browsers
   * without CookieStore change events; fractions allowed. Polling pauses while the tab is
   * hidden.
   * @default 1
   */
  pollInterval?: number
  /**
   * Whether `subscribe` listens to CookieStore `change` events where the browser has them;
   * `false` always polls.
   * @default true
   */
  cookieStore?: boolean
  /**
   * Called when a cookie holds text its codec refuses; `get` then returns the default. Each
   * distinct bad value is reported once.
   * @default `console.warn(event)`, which logs the name and the refused text
   */
  onInvalid?: (event: InvalidCookieEvent) => void
}

/** Options after {@link resolveJarOptions}: every field present, frozen. */
export type ResolvedJarOptions = Readonly<Required<CookieJarOptions>>

/** The defaults of {@link CookieJarOptions}, in one place. */
export const JAR_DEFAULTS: ResolvedJarOptions = /* @__PURE__ */ Object.freeze({
  pollInterval: 1,
  cookieStore: true,
  onInvalid: warnInvalidCookie,
})

const invalid = (option: string): never => {
  throw new CrumbsError('INVALID_OPTION', `Cookie jar option \`${option}\` is invalid.`, {
    details: { option },
  })
}

/** Validates and freezes jar options; a mistake throws `INVALID_OPTION` when the jar is made. */
export function resolveJarOptions(options: CookieJarOptions = {}): ResolvedJarOptions {
  const pollInterval = options.pollInterval ?? JAR_DEFAULTS.pollInterval
  const cookieStore = options.cookieStore ?? JAR_DEFAULTS.cookieStore
  const onInvalid = options.onInvalid ?? JAR_DEFAULTS.onInvalid
  if (typeof pollInterval !== 'number' || !(pollInterval > 0) || pollInterval === Infinity) {
    invalid('pollInterval')
  }
  if (typeof cookieStore !== 'boolean') invalid('cookieStore')
  if (typeof onInvalid !== 'function') invalid('onInvalid')
  return Object.freeze({ pollInterval, cookieStore, onInvalid })
}
