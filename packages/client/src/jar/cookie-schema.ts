import type { CookieAttributes } from '@crumbs/core'
import type { CodecValue, CookieCodec } from '../codecs/cookie-codec.js'

/**
 * The attributes a page script may give a cookie (RFC 6265bis §4.1.2): those of @crumbs/core
 * except `HttpOnly`, which only a server can set, since a cookie written from script is by
 * definition readable by script.
 */
export interface ClientCookieAttributes extends Omit<CookieAttributes, 'httpOnly' | 'path'> {
  /**
   * The path prefix of the requests that receive the cookie (RFC 6265bis §4.1.2.4); starts
   * with `/`. `remove` uses it too, so the removal always matches.
   * @default '/'
   */
  path?: string
  /**
   * Not offered: `HttpOnly` hides a cookie from scripts, so a script cannot set it
   * (RFC 6265bis §5.7 step 10 drops such a write). Set HttpOnly cookies on the server.
   */
  httpOnly?: never
}

/** One cookie of a jar: how its value is encoded, its default and its attributes. */
export interface CookieDeclaration<T = unknown> {
  /** Turns the typed value into the cookie's text and back. */
  codec: CookieCodec<T>
  /** What `get` returns when the cookie is absent or invalid. @default undefined */
  default?: T
  /** The attributes `set` writes and `remove` matches. @default { path: '/' } */
  attributes?: ClientCookieAttributes
  /**
   * Whether only the server writes this cookie (a CSRF token, a "logged in as" hint): the jar
   * reads and watches it, and `set`/`remove` refuse it.
   * @default false
   */
  readOnly?: boolean
}

/** Every cookie a jar knows, by name. */
export type CookieSchema = Record<string, CookieDeclaration>

/** The value type of a declaration's codec. */
export type DeclaredValue<D> = D extends { codec: infer C } ? CodecValue<C> : never

/** What `get` returns for a declaration: its value, or `undefined` unless it has a default. */
export type CookieValue<D> = D extends { default: NonNullable<unknown> | null }
  ? DeclaredValue<D>
  : DeclaredValue<D> | undefined

/** The names of a schema's cookies that the page may write (not `readOnly`). */
export type WritableName<S> = {
  [K in keyof S]: S[K] extends { readOnly: true } ? never : K
}[keyof S] &
  string

/** The session cookie names @crumbs/server uses by default (`session`, and its prefixed forms). */
type SessionCookieName = 'session' | '__host-session' | '__secure-session'

/**
 * What RFC 6265bis §4.1.3 demands of a prefixed name, matched case-insensitively: `__Secure-`
 * needs `secure: true`; `__Host-` also forbids `domain` and allows only `path: '/'`.
 */
type PrefixRules<Name extends string> =
  Lowercase<Name> extends `__host-${string}`
    ? { attributes: { secure: true; domain?: undefined; path?: '/' } }
    : Lowercase<Name> extends `__secure-${string}`
      ? { attributes: { secure: true } }
      : unknown

/** `SameSite=None` and `Partitioned` require `secure: true` (RFC 6265bis §4.1.2.7, CHIPS). */
type SecureRules<D> = D extends {
  attributes: { sameSite: 'none' } | { partitioned: true }
}
  ? { attributes: { secure: true } }
  : unknown

/**
 * The session cookie is HttpOnly and belongs to the server: declaring it is a type error that
 * points to its readable companion instead.
 */
type NotTheSessionCookie<Name extends string> =
  Lowercase<Name> extends SessionCookieName
    ? { codec: 'the session cookie is HttpOnly: declare its readable companion cookie instead' }
    : unknown

/**
 * js-cookie gathers `document.cookie` into a plain object and skips a name that object already
 * has, so a cookie named after an `Object.prototype` member never reads back: such a name is a
 * type error that says so.
 */
type NotAnObjectMember<Name extends string> = Name extends
  | 'constructor'
  | 'hasOwnProperty'
  | 'isPrototypeOf'
  | 'propertyIsEnumerable'
  | 'toLocaleString'
  | 'toString'
  | 'valueOf'
  | `__${'proto' | 'defineGetter' | 'defineSetter' | 'lookupGetter' | 'lookupSetter'}__`
  ? { codec: 'js-cookie cannot read a cookie named after an Object.prototype member' }
  : unknown

/**
 * The rules a declaration called `Name` must meet, as types: a default of the codec's type,
 * the prefix rules, `secure` where `SameSite=None` or `Partitioned` need it, not the session
 * cookie, and not a name js-cookie cannot read.
 */
export type DeclarationRules<Name extends string, D> = {
  default?: DeclaredValue<D>
} & PrefixRules<Name> &
  SecureRules<D> &
  NotTheSessionCookie<Name> &
  NotAnObjectMember<Name>

/** A schema whose every declaration meets {@link DeclarationRules}. */
export type CheckedSchema<S> = { [K in keyof S]: DeclarationRules<K & string, S[K]> }
