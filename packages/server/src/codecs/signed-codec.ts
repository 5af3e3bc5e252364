import type { Keyring } from '@crumbs/core'
import {
  decodeBase64UrlText,
  encodeBase64UrlText,
  signMaybeSync,
  thenMaybe,
  unsignMaybeSync,
  type VerifyResult,
} from '@crumbs/core/engine'
import { parseRecord, stringifyRecord } from './record-json.js'
import type { DecodeResult, SessionCodec } from './session-codec.js'

const PURPOSE = 'session'

/** The session a verified cookie holds, or why it holds none. */
function toDecoded(result: VerifyResult<string>): DecodeResult {
  if (!result.valid) return result
  const text = decodeBase64UrlText(result.value)
  const record = text === undefined ? undefined : parseRecord(text)
  if (record === undefined) return { valid: false, reason: 'malformed' }
  return { valid: true, record, rotated: result.rotated }
}

/**
 * Signed sessions, Flask's semantics: base64url JSON the client can read but not change. The
 * timestamps that enforce expiry are inside the signed JSON.
 */
export function signedCodec(keys: Keyring): SessionCodec {
  return {
    encode: (record, name) =>
      signMaybeSync(encodeBase64UrlText(stringifyRecord(record)), { keys, name, purpose: PURPOSE }),
    decode(value, name) {
      const verified = unsignMaybeSync(value, { keys, name, purpose: PURPOSE })
      return thenMaybe(verified, toDecoded)
    },
  }
}
