import { encodeBase64Url } from '../internal/base64url.js'

/**
 * A random token from the platform CSPRNG, as unpadded base64url.
 * @param bytes - how many random bytes; 32 (256 bits) by default.
 */
export function randomToken(bytes = 32): string {
  return encodeBase64Url(crypto.getRandomValues(new Uint8Array(bytes)))
}
