import type { CheckedSchema, CookieSchema } from './cookie-schema.js'
import type { CookieJarOptions } from './jar-options.js'

/** What a jar remembers between calls. @internal */
export interface JarState {
  /** The text last reported to `onInvalid` per name, to report each bad value once. */
  readonly reported: Record<string, string>
  /** Set while someone is subscribed: writes through the jar call it to notify at once. */
  notify?: (() => void) | undefined
}

/**
 * Declared cookies and jar options, the first argument of {@link getCookie},
 * {@link setCookie}, {@link removeCookie}, {@link subscribeCookie} and
 * {@link fromCookieHeader}; see {@link defineCookies}.
 */
export interface CookieDefinitions<S extends CookieSchema> {
  /** Every cookie the jar knows, by name. */
  readonly schema: S
  /** The jar's options, as given: {@link resolveJarOptions} checks them on first use. */
  readonly options: CookieJarOptions
  /** @internal */
  readonly state: JarState
}

/**
 * Declares a jar's cookies for the one-function-per-operation API, so a page that only gets,
 * sets and removes bundles only those. Unknown names, writes to `readOnly` cookies, prefix
 * rules and `secure` where `SameSite=None` or `Partitioned` need it are type errors, and this
 * path relies on the types: it checks none of them at run time, to stay small.
 * {@link checkCookieSchema} checks the declarations where size does not matter (a test,
 * development); {@link createCookieJar} runs it and checks every name it is given. The polling
 * options, and the name, are checked by {@link subscribeCookie} when it starts.
 *
 * @example
 * const cookies = defineCookies({ theme: { codec: enumCodec(['light', 'dark']), default: 'light' } })
 * getCookie(cookies, 'theme') // 'light' | 'dark'
 * setCookie(cookies, 'theme', 'dark') // { ok: true }
 */
export function defineCookies<const S extends CookieSchema>(
  schema: S & CheckedSchema<S>,
  options?: CookieJarOptions,
): CookieDefinitions<S> {
  // A plain object is safe: no declared name is an Object.prototype member (cookie-schema.ts).
  return { schema, options: options ?? {}, state: { reported: {} } }
}
