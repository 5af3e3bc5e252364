// In a quoted value, a run of `\ooo` octal escapes (bytes of one UTF-8 text), or `\` and the
// character it escapes.
const QUOTED_ESCAPE = /((?:\\[0-3][0-7]{2})+)|\\([\s\S])/g

let utf8: TextDecoder | undefined

const decodeOctets = (run: string): string => {
  utf8 ??= new TextDecoder()
  return utf8.decode(
    Uint8Array.from(run.slice(1).split('\\'), (octal) => Number.parseInt(octal, 8)),
  )
}

/**
 * The value @crumbs/core's `decodeCookieValue` reads from `raw`: a double-quoted value is
 * unwrapped and Werkzeug's backslash escapes undone (`\054` octal bytes as UTF-8, `\"`, `\\`);
 * otherwise `%XX` runs are decoded as UTF-8, keeping the raw text when an escape is malformed.
 * Never throws. A compact equivalent for the browser; a property test holds it to core's.
 */
export function decodeCookieText(raw: string): string {
  if (raw.length > 1 && raw[0] === '"' && raw[raw.length - 1] === '"') {
    return raw
      .slice(1, -1)
      .replace(QUOTED_ESCAPE, (_, run: string | undefined, char: string | undefined) =>
        run === undefined ? char! : decodeOctets(run),
      )
  }
  try {
    return decodeURIComponent(raw)
  } catch (error) {
    // A malformed escape or invalid UTF-8 is hostile or foreign input: keep what was sent.
    if (error instanceof URIError) return raw
    throw error
  }
}
