import { cryptoBackend } from '#crypto-backend'

/** Bytes to unpadded base64url (RFC 4648 §5): Buffer's codec on node, `btoa` elsewhere. */
export function encodeBase64UrlBytes(bytes: Uint8Array): string {
  return cryptoBackend.encodeBase64Url(bytes)
}

/**
 * Canonical unpadded base64url to bytes, or `undefined` for anything else (a foreign character,
 * padding, an impossible length, spare bits set), so one byte string has one spelling.
 */
export function decodeBase64UrlBytes(text: string): Uint8Array | undefined {
  return cryptoBackend.decodeBase64Url(text)
}
