import { Buffer } from 'node:buffer'

// Node ≥ 20 has Buffer's base64url codec, far cheaper than btoa round trips: figures in
// docs/architecture/measured-choices.md.

/**
 * The bytes between the two codecs, reused: a cookie-sized text goes through without a Buffer
 * of its own. Everything here is synchronous, so one buffer serves every call.
 */
const scratch = /* @__PURE__ */ Buffer.allocUnsafe(16_384)

/** UTF-8 text to unpadded base64url. */
export function encodeBase64UrlText(text: string): string {
  // A UTF-16 code unit is at most 3 UTF-8 bytes, so this bound needs no measuring.
  if (text.length * 3 > scratch.length) return Buffer.from(text, 'utf8').toString('base64url')
  const bytes = scratch.write(text, 0, 'utf8')
  return scratch.toString('base64url', 0, bytes)
}

const BASE64URL = /^[A-Za-z0-9_-]*$/

/** Unpadded base64url to UTF-8 text, or `undefined` when it is not base64url. */
export function decodeBase64UrlText(text: string): string | undefined {
  if (!BASE64URL.test(text) || text.length % 4 === 1) return undefined
  // Four characters carry three bytes.
  if (text.length > (scratch.length / 3) * 4) {
    return Buffer.from(text, 'base64url').toString('utf8')
  }
  const bytes = scratch.write(text, 0, 'base64url')
  return scratch.toString('utf8', 0, bytes)
}
