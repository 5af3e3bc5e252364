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
 * sets and removes bundles only those. Unknown names, prefix rules and `secure` where
 * `SameSite=None` or `Partitioned` need it are type errors. The run-time checks stay out of
 * that path: {@link checkCookieSchema} checks each declaration, and {@link createCookieJar}
 * runs it and {@link resolveJarOptions} for you; otherwise the polling options are checked by
 * the first {@link subscribeCookie}.
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
  return { schema, options: options ?? {}, state: { reported: Object.create(null) } }
}
