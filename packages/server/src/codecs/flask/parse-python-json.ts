/** Returned by a {@link PythonJsonOptions.reviveObject} hook to reject the whole document. */
export const REJECT: unique symbol = Symbol('crumbs.flask.reject')

/** How {@link parsePythonJson} builds objects and how deep it may go. */
export interface PythonJsonOptions {
  /** Turns each parsed object into a value, innermost first, like Python's `object_hook`. */
  reviveObject(entries: Map<string, unknown>): unknown
  /** Deepest nesting of arrays and objects accepted; deeper input is rejected. */
  maxDepth: number
}

/** The outcome of {@link parsePythonJson}: the value, or `ok: false` for any malformed input. */
export type PythonJsonResult =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false }

// Python refuses to convert integers longer than this (`sys.get_int_max_str_digits()`).
const MAX_INT_DIGITS = 4300
const MAX_EXACT_INTEGER = 2n ** 53n
const NUMBER = /-?(?:0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?/y
const HEX4 = /^[0-9a-fA-F]{4}$/
const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
}
const LITERALS: readonly (readonly [string, unknown])[] = [
  ['null', null],
  ['true', true],
  ['false', false],
  ['NaN', Number.NaN],
  ['Infinity', Number.POSITIVE_INFINITY],
  ['-Infinity', Number.NEGATIVE_INFINITY],
]

class Malformed extends Error {}

/**
 * Parses `text` with the grammar of Python's `json.loads` (strict strings; `NaN`/`Infinity`
 * literals; integers beyond 2^53 as `bigint`, as Python keeps them exact) and never throws:
 * anything else, or nesting deeper than `maxDepth`, gives `{ ok: false }`.
 */
export function parsePythonJson(text: string, options: PythonJsonOptions): PythonJsonResult {
  const parser = new Parser(text, options)
  try {
    return { ok: true, value: parser.document() }
  } catch (error) {
    // Only our own signal means "malformed"; a real bug keeps propagating.
    if (error instanceof Malformed) return { ok: false }
    throw error
  }
}

class Parser {
  private index = 0
  private depth = 0

  constructor(
    private readonly text: string,
    private readonly options: PythonJsonOptions,
  ) {}

  document(): unknown {
    this.skipWhitespace()
    const value = this.value()
    this.skipWhitespace()
    if (this.index !== this.text.length) throw new Malformed()
    return value
  }

  private value(): unknown {
    const char = this.text[this.index]
    if (char === '"') return this.string()
    if (char === '{') return this.object()
    if (char === '[') return this.array()
    for (const [word, value] of LITERALS) {
      if (this.text.startsWith(word, this.index)) {
        this.index += word.length
        return value
      }
    }
    return this.number()
  }

  private number(): number | bigint {
    NUMBER.lastIndex = this.index
    const match = NUMBER.exec(this.text)
    if (match === null) throw new Malformed()
    this.index = NUMBER.lastIndex
    const [literal, fraction, exponent] = match
    if (fraction !== undefined || exponent !== undefined) return Number(literal)
    if (literal.replace('-', '').length > MAX_INT_DIGITS) throw new Malformed()
    const integer = BigInt(literal)
    const magnitude = integer < 0n ? -integer : integer
    return magnitude <= MAX_EXACT_INTEGER ? Number(integer) : integer
  }

  private string(): string {
    const { text } = this
    let index = this.index + 1
    let result = ''
    let start = index
    while (index < text.length) {
      const code = text.charCodeAt(index)
      if (code === 0x22) {
        this.index = index + 1
        return result + text.slice(start, index)
      }
      // Python's strict mode refuses raw control characters inside strings.
      if (code < 0x20) throw new Malformed()
      if (code !== 0x5c) {
        index++
        continue
      }
      result += text.slice(start, index)
      const escaped = text[index + 1]
      if (escaped === 'u') {
        const hex = text.slice(index + 2, index + 6)
        if (!HEX4.test(hex)) throw new Malformed()
        // Surrogate pairs need no special case: two escaped UTF-16 units make the pair.
        result += String.fromCharCode(Number.parseInt(hex, 16))
        index += 6
      } else {
        const simple = escaped === undefined ? undefined : SIMPLE_ESCAPES[escaped]
        if (simple === undefined) throw new Malformed()
        result += simple
        index += 2
      }
      start = index
    }
    throw new Malformed()
  }

  private array(): unknown[] {
    this.enter()
    const items: unknown[] = []
    this.skipWhitespace()
    if (this.text[this.index] === ']') {
      this.index++
    } else {
      for (;;) {
        this.skipWhitespace()
        items.push(this.value())
        this.skipWhitespace()
        if (this.consume(']')) break
        this.expect(',')
      }
    }
    this.depth--
    return items
  }

  private object(): unknown {
    this.enter()
    const entries = new Map<string, unknown>()
    this.skipWhitespace()
    if (this.text[this.index] === '}') {
      this.index++
    } else {
      for (;;) {
        this.skipWhitespace()
        if (this.text[this.index] !== '"') throw new Malformed()
        const key = this.string()
        this.skipWhitespace()
        this.expect(':')
        this.skipWhitespace()
        // A repeated key keeps its first position and its last value, like a Python dict.
        entries.set(key, this.value())
        this.skipWhitespace()
        if (this.consume('}')) break
        this.expect(',')
      }
    }
    this.depth--
    const revived = this.options.reviveObject(entries)
    if (revived === REJECT) throw new Malformed()
    return revived
  }

  private enter(): void {
    this.index++
    this.depth++
    if (this.depth > this.options.maxDepth) throw new Malformed()
  }

  private consume(char: string): boolean {
    if (this.text[this.index] !== char) return false
    this.index++
    return true
  }

  private expect(char: string): void {
    if (!this.consume(char)) throw new Malformed()
  }

  private skipWhitespace(): void {
    const { text } = this
    while (this.index < text.length) {
      const char = text[this.index]
      if (char !== ' ' && char !== '\t' && char !== '\n' && char !== '\r') return
      this.index++
    }
  }
}
