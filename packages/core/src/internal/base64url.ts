// RFC 4648 §5 alphabet without padding. btoa/atob exist in every target runtime.

const ALPHABET = /^[A-Za-z0-9_-]*$/

// Sextet value of each base64url character, or -1.
// Built by a function marked pure, so a bundle that never decodes base64url drops the table.
const SEXTETS = /* @__PURE__ */ sextets()

function sextets(): Int8Array {
  const table = new Int8Array(128).fill(-1)
  for (let i = 0; i < 64; i++) {
    table['ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'.charCodeAt(i)] = i
  }
  return table
}

// btoa and String.fromCharCode.apply take bounded argument lists; encode in slices of this size.
const CHUNK = 0x8000

/** Bytes to unpadded base64url (RFC 4648 §5). */
export function encodeBase64Url(bytes: Uint8Array): string {
  let binary = ''
  for (let start = 0; start < bytes.length; start += CHUNK) {
    binary += String.fromCharCode.apply(
      null,
      bytes.subarray(start, start + CHUNK) as unknown as number[],
    )
  }
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

/**
 * Whether `text` is canonical unpadded base64url: only alphabet characters, a possible length,
 * and zero bits after the last whole byte (RFC 4648 §3.5), so one byte string has one spelling.
 */
export function isBase64Url(text: string): boolean {
  const rest = text.length % 4
  if (rest === 1 || !ALPHABET.test(text)) return false
  if (rest === 0) return true
  const last = SEXTETS[text.charCodeAt(text.length - 1)]!
  // Two trailing characters carry one byte (4 spare bits); three carry two bytes (2 spare bits).
  return (last & (rest === 2 ? 0x0f : 0x03)) === 0
}

/** Unpadded base64url to bytes, or `undefined` when `text` is not canonical base64url. */
export function decodeBase64Url(text: string): Uint8Array | undefined {
  if (!isBase64Url(text)) return undefined
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'))
  const bytes = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
  return bytes
}
