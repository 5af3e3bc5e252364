/**
 * Why a token did not verify: `malformed` (not a token of this format), `mismatch` (no key
 * authenticates it for this name and purpose: tampered, forged, or from elsewhere), `expired`
 * (authentic, but past the expiry sealed inside it).
 */
export type InvalidReason = 'malformed' | 'mismatch' | 'expired'

/**
 * The outcome of checking a signed or sealed token; hostile input lands here, never in a throw.
 *
 * `keyIndex` is the position of the secret that matched; `rotated` is `keyIndex > 0`, the cue to
 * re-issue the token under the newest secret.
 */
export type VerifyResult<T> =
  | {
      readonly valid: true
      readonly value: T
      readonly keyIndex: number
      readonly rotated: boolean
    }
  | { readonly valid: false; readonly reason: InvalidReason }

/** The shared `malformed` result. */
export const MALFORMED: VerifyResult<never> = /* @__PURE__ */ Object.freeze({
  valid: false,
  reason: 'malformed',
})
/** The shared `mismatch` result. */
export const MISMATCH: VerifyResult<never> = /* @__PURE__ */ Object.freeze({
  valid: false,
  reason: 'mismatch',
})
/** The shared `expired` result. */
export const EXPIRED: VerifyResult<never> = /* @__PURE__ */ Object.freeze({
  valid: false,
  reason: 'expired',
})

/** A valid result for `value` matched by the secret at `keyIndex`. */
export function verified<T>(value: T, keyIndex: number): VerifyResult<T> {
  return { valid: true, value, keyIndex, rotated: keyIndex > 0 }
}
