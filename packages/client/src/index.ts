export { booleanCodec } from './codecs/boolean-codec.js'
export type { CodecValue, CookieCodec, CookieValidator } from './codecs/cookie-codec.js'
export { dateCodec } from './codecs/date-codec.js'
export type { EnumCodec } from './codecs/enum-codec.js'
export { enumCodec } from './codecs/enum-codec.js'
export type { IntegerCodecOptions } from './codecs/integer-codec.js'
export { integerCodec } from './codecs/integer-codec.js'
export { jsonCodec } from './codecs/json-codec.js'
export type { StandardSchemaResult, StandardSchemaV1 } from './codecs/standard-schema.js'
export { stringCodec } from './codecs/string-codec.js'
export type { CsrfFetchOptions } from './csrf/csrf-fetch.js'
export { CSRF_DEFAULTS, csrfFetch, readCsrfToken } from './csrf/csrf-fetch.js'
export { checkCookieSchema } from './jar/check-cookie-schema.js'
export type {
  CheckedSchema,
  ClientCookieAttributes,
  CookieDeclaration,
  CookieSchema,
  CookieValue,
  DeclarationRules,
  DeclaredValue,
  WritableName,
} from './jar/cookie-schema.js'
export type { CookieWriteFailure, CookieWriteResult } from './jar/cookie-write-result.js'
export type { CookieJar } from './jar/create-cookie-jar.js'
export { createCookieJar } from './jar/create-cookie-jar.js'
export type { CookieDefinitions, JarState } from './jar/define-cookies.js'
export { defineCookies } from './jar/define-cookies.js'
export type { CookieReader } from './jar/from-cookie-header.js'
export { fromCookieHeader } from './jar/from-cookie-header.js'
export { getCookie } from './jar/get-cookie.js'
export type { CookieJarOptions, InvalidCookieEvent, ResolvedJarOptions } from './jar/jar-options.js'
export { JAR_DEFAULTS, resolveJarOptions } from './jar/jar-options.js'
export { removeCookie } from './jar/remove-cookie.js'
export { setCookie } from './jar/set-cookie.js'
export { subscribeCookie } from './jar/subscribe-cookie.js'
