import { CrumbsError } from '@crumbs/core'
import { AsyncValidatorError } from '../internal/async-validator-error.js'
import { declarationOf } from '../internal/declaration-of.js'
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
 * Runs `operation` on declared cookie `name` (a writable one when `write`), or throws
 * `INVALID_COOKIE_NAME` or `INVALID_OPTION` as {@link declarationOf} does; an asynchronous
 * validator's {@link AsyncValidatorError} becomes `INVALID_OPTION`, its cause kept; any other
 * error passes through as thrown.
 */
function checked<T>(
  jar: CookieDefinitions<CookieSchema>,
  name: string,
  write: boolean,
  operation: () => T,
): T {
  declarationOf(jar, name, write)
  try {
    return operation()
  } catch (cause) {
    if (!(cause instanceof AsyncValidatorError)) throw cause
    throw new CrumbsError('INVALID_OPTION', `Cookie "${name}" has an asynchronous validator.`, {
      cause,
      details: { name, option: 'validate' },
    })
  }
}

/**
 * Creates a typed jar for the cookies declared in `schema`, every operation a method: the
 * convenient form of {@link defineCookies} and its functions, at the cost of bundling all of
 * them with their run-time checks. Unknown names, writes to `readOnly` cookies, prefix rules
 * and `secure` where `SameSite=None` or `Partitioned` need it are type errors; here they also
 * throw a `CrumbsError` for plain JavaScript callers: {@link checkCookieSchema} and
 * {@link resolveJarOptions} check the declarations and options when the jar is made, and each
 * method throws `INVALID_COOKIE_NAME` for an undeclared name, `INVALID_OPTION` for a write to a
 * `readOnly` cookie or a codec whose validator is asynchronous.
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
    get: (name) => checked(jar, name, false, () => getCookie(jar, name)),
    set: (name, value) => checked(jar, name, true, () => setCookie(jar, name, value)),
    remove: (name) => checked(jar, name, true, () => removeCookie(jar, name)),
    subscribe: (name, callback) => subscribeCookie(jar, name, callback),
    fromHeader: (header) => {
      const reader = fromCookieHeader(jar, header)
      return { get: (name) => checked(jar, name, false, () => reader.get(name)) }
    },
  }
}
