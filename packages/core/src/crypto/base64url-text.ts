import { cryptoBackend } from '#crypto-backend'

/**
 * The UTF-8 bytes of `text` as unpadded base64url (RFC 4648 §5): Buffer's codec on node, `btoa`
 * elsewhere, the same characters on both.
 *
 * @example
 * encodeBase64UrlText('{"a":1}') // 'eyJhIjoxfQ'
 */
export function encodeBase64UrlText(text: string): string {
  return cryptoBackend.encodeBase64UrlText(text)
}

/**
 * Canonical unpadded base64url to text, its bytes read as UTF-8 (invalid sequences become
 * U+FFFD), or `undefined` when `text` is not canonical base64url.
 */
export function decodeBase64UrlText(text: string): string | undefined {
  return cryptoBackend.decodeBase64UrlText(text)
}
