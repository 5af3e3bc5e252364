import type { CookieCodec } from './cookie-codec.js'

/** A codec for `true` and `false`, written as the words `true` and `false`. */
export function booleanCodec(): CookieCodec<boolean> {
  return {
    encode: (value) => (value === true ? 'true' : value === false ? 'false' : undefined),
    decode: (text) => (text === 'true' ? true : text === 'false' ? false : undefined),
  }
}
