import { CrumbsError, encodeCookieValue, isCrumbsError, parseCookie } from '@crumbs/core'
import Cookies from 'js-cookie'
import { checkDeclaration } from '../internal/check-declaration.js'
import { pathMatches } from '../internal/path-matches.js'
import { toJsCookieAttributes } from '../internal/to-js-cookie-attributes.js'
import { watchCookies } from '../internal/watch-cookies.js'
import type {
  CheckedSchema,
  CookieDeclaration,
  CookieSchema,
  CookieValue,
  DeclaredValue,
  WritableName,
} from './cookie-schema.js'
import type { CookieWriteResult } from './cookie-write-result.js'
import { type CookieJarOptions, resolveJarOptions } from './jar-options.js'

/** Typed reads of a jar's cookies, from `document.cookie` or from a `Cookie` header. */
export interface CookieReader<S extends CookieSchema> {
  /**
   * The cookie's typed value; its default (or `undefined`) when it is absent or its text is
   * invalid, which is reported to `onInvalid`, never thrown.
   */
  get<N extends keyof S & string>(name: N): CookieValue<S[N]>
}

/** A schema-typed cookie jar over js-cookie; see {@link createCookieJar}. */
export interface CookieJar<S extends CookieSchema> extends CookieReader<S> {
  /**
   * Writes the cookie with its declared attributes, percent-encoded exactly as @crumbs/server
   * writes it, and reads it back to report a write the browser refused.
   */
  set<N extends WritableName<S>>(name: N, value: DeclaredValue<S[N]>): CookieWriteResult
  /** Expires the cookie with its declared `path` and `domain`, so the removal always matches. */
  remove(name: WritableName<S>): CookieWriteResult
  /**
   * Calls `callback` with the cookie's typed value whenever it changes, by whatever means
   * (another tab, a server response, this jar), until the returned function is called.
   * Writes through this jar notify at once.
   */
  subscribe<N extends keyof S & string>(
    name: N,
    callback: (value: CookieValue<S[N]>) => void,
  ): () => void
  /** Reads a `Cookie` request header with the same types, for server rendering. */
  fromHeader(header: string | null | undefined): CookieReader<S>
}

interface Subscription {
  readonly name: string
  readonly callback: (value: unknown) => void
  /** The text last passed on, to call back only on a change. */
  last: string | undefined
}

/**
 * Creates a typed jar for the cookies declared in `schema`. Unknown names, prefix rules and
 * `secure` where `SameSite=None` or `Partitioned` need it are type errors; at run time each
 * declaration is checked once here and a mistake throws a `CrumbsError`.
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
  const opts = resolveJarOptions(options)
  const declarations: Record<string, CookieDeclaration> = Object.create(null)
  for (const name of Object.keys(schema)) {
    checkDeclaration(name, schema[name]!)
    declarations[name] = schema[name]!
  }
  // Values are written with @crumbs/core's encoder, so the server decodes exactly this text;
  // js-cookie's default converter escapes more and decodes `%XX` runs differently.
  const api = Cookies.withConverter<string>({ write: encodeCookieValue })
  const reported: Record<string, string> = Object.create(null)
  const subscriptions = new Set<Subscription>()
  let stopWatching: (() => void) | undefined

  const declaration = (name: string): CookieDeclaration => {
    const found = declarations[name]
    if (found === undefined) {
      throw new CrumbsError('INVALID_COOKIE_NAME', `Cookie "${name}" is not declared.`, {
        details: { name },
      })
    }
    return found
  }

  const decode = (name: string, text: string | undefined): unknown => {
    const { codec, default: fallback } = declaration(name)
    if (text === undefined) return fallback
    const value = codec.decode(text)
    if (value !== undefined) return value
    if (reported[name] !== text) {
      reported[name] = text
      opts.onInvalid({ name, value: text })
    }
    return fallback
  }

  // Reads go through @crumbs/core's parser, the one the server reads with, rather than
  // js-cookie's `get`, which keeps whitespace and sees Object.prototype keys as cookies.
  const read = (name: string): string | undefined =>
    typeof document === 'undefined' ? undefined : parseCookie(document.cookie).get(name)

  const notify = (): void => {
    const cookies = parseCookie(document.cookie)
    for (const subscription of subscriptions) {
      const text = cookies.get(subscription.name)
      if (text === subscription.last) continue
      subscription.last = text
      try {
        subscription.callback(decode(subscription.name, text))
      } catch (error) {
        // One failing callback must not starve the others; the error still surfaces.
        setTimeout(() => {
          throw error
        })
      }
    }
  }

  /** Writes `text`, or removes the cookie when it is `undefined`, then reads it back. */
  const write = (name: string, text: string | undefined): CookieWriteResult => {
    const attributes = declaration(name).attributes ?? {}
    if (text === undefined) api.remove(name, toJsCookieAttributes(attributes, true))
    else api.set(name, text, toJsCookieAttributes(attributes, false))
    if (subscriptions.size > 0) notify()
    if (pathMatches(location.pathname, attributes.path ?? '/') && read(name) !== text) {
      return { ok: false, reason: 'refused' }
    }
    return { ok: true }
  }

  const writable = (name: string): CookieDeclaration => {
    const found = declaration(name)
    if (found.readOnly === true) {
      throw new CrumbsError('INVALID_OPTION', `Cookie "${name}" is read-only.`, {
        details: { name, option: 'readOnly' },
      })
    }
    return found
  }

  return {
    get: (name) => decode(name, read(name)) as never,
    set(name, value) {
      const text = writable(name).codec.encode(value)
      if (text === undefined) return { ok: false, reason: 'invalid' }
      let size: number
      try {
        size = name.length + encodeCookieValue(text).length
      } catch (error) {
        if (isCrumbsError(error, 'INVALID_COOKIE_VALUE')) return { ok: false, reason: 'invalid' }
        throw error
      }
      if (size > 4096) return { ok: false, reason: 'too-large' }
      if (typeof document === 'undefined') return { ok: false, reason: 'no-document' }
      return write(name, text)
    },
    remove(name) {
      writable(name)
      if (typeof document === 'undefined') return { ok: false, reason: 'no-document' }
      return write(name, undefined)
    },
    subscribe(name, callback) {
      declaration(name)
      if (typeof document === 'undefined') return () => {}
      const subscription: Subscription = {
        name,
        callback: callback as (value: unknown) => void,
        last: read(name),
      }
      subscriptions.add(subscription)
      stopWatching ??= watchCookies(notify, opts)
      return () => {
        subscriptions.delete(subscription)
        if (subscriptions.size > 0) return
        stopWatching?.()
        stopWatching = undefined
      }
    },
    fromHeader(header) {
      const cookies = parseCookie(header)
      return { get: (name) => decode(name, cookies.get(name)) as never }
    },
  }
}
