// Standard padded base64 (RFC 4648 §4), the alphabet of Flask's tagged bytes, on atob/btoa:
// every runtime crumbs serves has them, and tagged bytes are rare enough not to need Buffer.

/** Bytes to padded standard base64. */
export function encodeStandardBase64(bytes: Uint8Array): string {
  let binary = ''
  for (const byte of bytes) binary += String.fromCharCode(byte)
  return btoa(binary)
}

/** Padded standard base64, already checked against the alphabet and length, to bytes. */
export function decodeStandardBase64(text: string): Uint8Array {
  const binary = atob(text)
  const bytes = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
  return bytes
}
