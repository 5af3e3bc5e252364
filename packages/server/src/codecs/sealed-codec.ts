import type { Keyring } from '@crumbs/core'
import { sealMaybeSync, thenMaybe, unsealMaybeSync, type VerifyResult } from '@crumbs/core/engine'
import { parseRecord, stringifyRecord } from './record-json.js'
import type { DecodeResult, SessionCodec } from './session-codec.js'

const PURPOSE = 'session'

/** The session an opened cookie holds, or why it holds none. */
function toDecoded(result: VerifyResult<string>): DecodeResult {
  if (!result.valid) return result
  const record = parseRecord(result.value)
  if (record === undefined) return { valid: false, reason: 'malformed' }
  return { valid: true, record, rotated: result.rotated }
}

/** AES-256-GCM sealed sessions: the client can neither read nor change them. */
export function sealedCodec(keys: Keyring): SessionCodec {
  return {
    encode: (record, name, expiresAt) =>
      sealMaybeSync(stringifyRecord(record), {
        keys,
        name,
        purpose: PURPOSE,
        expires: new Date(expiresAt * 1000),
      }),
    decode(value, name, now) {
      const opened = unsealMaybeSync(value, {
        keys,
        name,
        purpose: PURPOSE,
        now: new Date(now * 1000),
      })
      return thenMaybe(opened, toDecoded)
    },
  }
}
