// RFC 4648 §5 alphabet without padding. btoa/atob exist in every target runtime.

/** Bytes to unpadded base64url. */
export function encodeBase64Url(bytes: Uint8Array): string {
  let binary = ''
  for (let i = 0; i < bytes.length; i++) binary += String.fromCharCode(bytes[i]!)
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

const BASE64URL = /^[A-Za-z0-9_-]*$/

/** Unpadded base64url to bytes, or `undefined` when `text` is not canonical base64url. */
export function decodeBase64Url(text: string): Uint8Array | undefined {
  if (!BASE64URL.test(text) || text.length % 4 === 1) return undefined
  let binary: string
  try {
    binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'))
  } catch {
    return undefined
  }
  const bytes = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
  // Reject non-canonical trailing bits so one token has exactly one spelling.
  if (encodeBase64Url(bytes) !== text) return undefined
  return bytes
}
