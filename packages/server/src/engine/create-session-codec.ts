import { flaskSessionCodec } from '../codecs/flask-session-codec.js'
import { sealedCodec } from '../codecs/sealed-codec.js'
import type { SessionCodec } from '../codecs/session-codec.js'
import { signedCodec } from '../codecs/signed-codec.js'
import { keyringOf } from './resolve-session-options.js'
import type { ResolvedSessionOptions } from './session-options.js'

/** The codec of a cookie session's `format`. */
export function createSessionCodec(options: ResolvedSessionOptions): SessionCodec {
  switch (options.format) {
    case 'sealed':
      return sealedCodec(keyringOf(options))
    case 'signed':
      return signedCodec(keyringOf(options))
    case 'flask':
      return flaskSessionCodec(options.secrets, options.maxAge, options.allowWeakFlaskSecret)
  }
}
