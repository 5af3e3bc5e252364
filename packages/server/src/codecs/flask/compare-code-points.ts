/**
 * Orders two strings by Unicode code point, as Python compares `str` (and so as
 * `json.dumps(sort_keys=True)` sorts keys). JavaScript's `<` compares UTF-16 code units instead,
 * which puts astral characters (stored as surrogates D800–DFFF) before U+E000–U+FFFF.
 */
export function compareCodePoints(a: string, b: string): number {
  let i = 0
  while (i < a.length && i < b.length) {
    // A lone surrogate reads as its own code point, as in a Python `str`.
    const x = a.codePointAt(i)!
    const y = b.codePointAt(i)!
    if (x !== y) return x - y
    i += x > 0xffff ? 2 : 1
  }
  return a.length - b.length
}
