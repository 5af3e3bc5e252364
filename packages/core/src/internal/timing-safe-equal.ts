/**
 * Whether two strings are equal, in time that depends only on their lengths: an XOR over every
 * code unit, with no early exit. For MACs (43 ASCII characters) it avoids the two Buffer copies
 * node's `timingSafeEqual` would need.
 */
export function timingSafeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false
  let diff = 0
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i)
  return diff === 0
}
