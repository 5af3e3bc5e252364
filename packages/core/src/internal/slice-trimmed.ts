/**
 * `text.slice(start, end)` without leading or trailing SP and HTAB, the only whitespace
 * RFC 6265 §5.2 strips (not `String#trim`, which also strips NBSP, line breaks and more).
 */
export function sliceTrimmed(text: string, start: number, end: number): string {
  while (start < end) {
    const code = text.charCodeAt(start)
    if (code !== 0x20 && code !== 0x09) break
    start++
  }
  while (end > start) {
    const code = text.charCodeAt(end - 1)
    if (code !== 0x20 && code !== 0x09) break
    end--
  }
  return text.slice(start, end)
}
