const encoder = /* @__PURE__ */ new TextEncoder()

// encodeInto into an exact buffer instead of encode: figures in docs/architecture/measured-choices.md.

/** The UTF-8 bytes of `text` (lone surrogates become U+FFFD), written after `offset` zero bytes. */
export function encodeUtf8(text: string, offset = 0): Uint8Array<ArrayBuffer> {
  // ASCII text, the usual case, fits a buffer of its own length exactly; small exact buffers also
  // stay on V8's heap, which is cheaper to allocate than the worst case.
  const exact = new Uint8Array(offset + text.length)
  if (encoder.encodeInto(text, exact.subarray(offset)).read === text.length) return exact
  // A UTF-16 code unit never needs more than 3 UTF-8 bytes (a surrogate pair takes 4 for 2 units).
  const bytes = new Uint8Array(offset + text.length * 3)
  const { written } = encoder.encodeInto(text, bytes.subarray(offset))
  return bytes.subarray(0, offset + written)
}
