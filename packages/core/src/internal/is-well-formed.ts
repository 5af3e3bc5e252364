// A high surrogate not followed by a low one, or a low surrogate not preceded by a high one.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

/** {@link isWellFormed} for runtimes without `String.prototype.isWellFormed`. @internal */
export function isWellFormedByPattern(text: string): boolean {
  return !LONE_SURROGATE.test(text)
}

// String.prototype.isWellFormed is ES2024 (Node 20, Chrome 111, Safari 16.4, Firefox 119). Read
// in a function marked pure: bundlers keep a bare property read, which might run a getter.
const native = /* @__PURE__ */ nativeIsWellFormed()

function nativeIsWellFormed(): ((this: string) => boolean) | undefined {
  return (String.prototype as { isWellFormed?: (this: string) => boolean }).isWellFormed
}

/**
 * Whether `text` holds no lone surrogate, so its UTF-8 form is lossless and maps back to exactly
 * one string.
 */
export const isWellFormed: (text: string) => boolean =
  native === undefined ? isWellFormedByPattern : (text) => native.call(text)
