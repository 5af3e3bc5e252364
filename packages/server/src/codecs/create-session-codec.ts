import type { ResolvedSessionOptions } from '../engine/session-options.js'
import { flaskSessionCodec } from './flask-session-codec.js'
import { sealedCodec } from './sealed-codec.js'
import type { SessionCodec } from './session-codec.js'
import { signedCodec } from './signed-codec.js'

/** The codec of a cookie session's `format`. */
export function createSessionCodec(options: ResolvedSessionOptions): SessionCodec {
  switch (options.format) {
    case 'sealed':
      return sealedCodec(options.keys)
    case 'signed':
      return signedCodec(options.keys)
    case 'flask':
      return flaskSessionCodec(options.secrets, options.maxAge)
  }
}
