import { checkCookieSchema } from './check-cookie-schema.js'
import type {
  CheckedSchema,
  CookieSchema,
  CookieValue,
  DeclaredValue,
  WritableName,
} from './cookie-schema.js'
import type { CookieWriteResult } from './cookie-write-result.js'
import { type CookieDefinitions, defineCookies } from './define-cookies.js'
import { type CookieReader, fromCookieHeader } from './from-cookie-header.js'
import { getCookie } from './get-cookie.js'
import { type CookieJarOptions, resolveJarOptions } from './jar-options.js'
import { removeCookie } from './remove-cookie.js'
import { setCookie } from './set-cookie.js'
import { subscribeCookie } from './subscribe-cookie.js'

// The barrel has always taken CookieReader from here.
export type { CookieReader }

/**
 * A schema-typed cookie jar with every operation as a method; see {@link createCookieJar}. It
 * is also the {@link CookieDefinitions} the one-function-per-operation API takes.
 */
export interface CookieJar<S extends CookieSchema> extends CookieDefinitions<S>, CookieReader<S> {
  /** {@link setCookie} on this jar. */
  set<N extends WritableName<S>>(name: N, value: DeclaredValue<S[N]>): CookieWriteResult
  /** {@link removeCookie} on this jar. */
  remove(name: WritableName<S>): CookieWriteResult
  /** {@link subscribeCookie} on this jar. */
  subscribe<N extends keyof S & string>(
    name: N,
    callback: (value: CookieValue<S[N]>) => void,
  ): () => void
  /** {@link fromCookieHeader} on this jar. */
  fromHeader(header: string | null | undefined): CookieReader<S>
}

/**
 * Creates a typed jar for the cookies declared in `schema`, every operation a method: the
 * convenient form of {@link defineCookies} and its functions, at the cost of bundling all of
 * them. Unknown names, prefix rules and `secure` where `SameSite=None` or `Partitioned` need it
 * are type errors; at run time {@link checkCookieSchema} and {@link resolveJarOptions} check the
 * declarations and options here, and a mistake throws a `CrumbsError`.
 *
 * @example
 * const jar = createCookieJar({
 *   theme: { codec: enumCodec(['light', 'dark']), default: 'light', attributes: { maxAge: 31536000 } },
 * })
 * jar.get('theme') // 'light' | 'dark'
 * jar.set('theme', 'dark') // { ok: true }
 */
export function createCookieJar<const S extends CookieSchema>(
  schema: S & CheckedSchema<S>,
  options?: CookieJarOptions,
): CookieJar<S> {
  checkCookieSchema(schema)
  const jar: CookieDefinitions<S> = defineCookies(schema, resolveJarOptions(options))
  return {
    ...jar,
    get: (name) => getCookie(jar, name),
    set: (name, value) => setCookie(jar, name, value),
    remove: (name) => removeCookie(jar, name),
    subscribe: (name, callback) => subscribeCookie(jar, name, callback),
    fromHeader: (header) => fromCookieHeader(jar, header),
  }
}
