import { type Keyring, seal, unseal } from '@crumbs/core'
import { parseRecord, stringifyRecord } from './record-json.js'
import type { SessionCodec } from './session-codec.js'

const PURPOSE = 'session'

/** AES-256-GCM sealed sessions: the client can neither read nor change them. */
export function sealedCodec(keys: Keyring): SessionCodec {
  return {
    encode: (record, name, expiresAt) =>
      seal(stringifyRecord(record), {
        keys,
        name,
        purpose: PURPOSE,
        expires: new Date(expiresAt * 1000),
      }),
    async decode(value, name, now) {
      const result = await unseal(value, {
        keys,
        name,
        purpose: PURPOSE,
        now: new Date(now * 1000),
      })
      if (!result.valid) return result
      const record = parseRecord(result.value)
      if (record === undefined) return { valid: false, reason: 'malformed' }
      return { valid: true, record, rotated: result.rotated }
    },
  }
}
