import { type Keyring, sign, unsign } from '@crumbs/core'
import { decodeBase64UrlText, encodeBase64UrlText } from '../internal/base64url-text.js'
import { parseRecord, stringifyRecord } from './record-json.js'
import type { SessionCodec } from './session-codec.js'

const PURPOSE = 'session'

/**
 * Signed sessions, Flask's semantics: base64url JSON the client can read but not change. The
 * timestamps that enforce expiry are inside the signed JSON.
 */
export function signedCodec(keys: Keyring): SessionCodec {
  return {
    encode: (record, name) =>
      sign(encodeBase64UrlText(stringifyRecord(record)), { keys, name, purpose: PURPOSE }),
    async decode(value, name) {
      const result = await unsign(value, { keys, name, purpose: PURPOSE })
      if (!result.valid) return result
      const text = decodeBase64UrlText(result.value)
      const record = text === undefined ? undefined : parseRecord(text)
      if (record === undefined) return { valid: false, reason: 'malformed' }
      return { valid: true, record, rotated: result.rotated }
    },
  }
}
