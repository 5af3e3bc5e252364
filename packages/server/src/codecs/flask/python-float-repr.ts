/**
 * Formats a number exactly as Python's `repr(float)` does, which is what `json.dumps` writes for
 * a float: the shortest round-tripping digits, fixed notation with a trailing `.0` when the
 * decimal exponent is in (-4, 16], scientific notation (`1e+16`, `1.5e-07`) otherwise, and the
 * bare words `NaN`, `Infinity` and `-Infinity` that Python's `json` module accepts both ways.
 */
export function pythonFloatRepr(value: number): string {
  if (Number.isNaN(value)) return 'NaN'
  if (value === Number.POSITIVE_INFINITY) return 'Infinity'
  if (value === Number.NEGATIVE_INFINITY) return '-Infinity'
  const sign = value < 0 || Object.is(value, -0) ? '-' : ''
  // `toExponential()` without an argument yields the same shortest round-trip digits as Python.
  const [mantissa = '0', exponent = '0'] = Math.abs(value).toExponential().split('e')
  const digits = mantissa.replace('.', '')
  // Python's `decpt`: the value is 0.<digits> × 10^decpt.
  const decpt = Number(exponent) + 1
  if (decpt > -4 && decpt <= 16) return sign + fixed(digits, decpt)
  const exp = decpt - 1
  const head = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits
  const expDigits = String(Math.abs(exp)).padStart(2, '0')
  return `${sign}${head}e${exp < 0 ? '-' : '+'}${expDigits}`
}

function fixed(digits: string, decpt: number): string {
  if (decpt <= 0) return `0.${'0'.repeat(-decpt)}${digits}`
  if (decpt >= digits.length) return `${digits}${'0'.repeat(decpt - digits.length)}.0`
  return `${digits.slice(0, decpt)}.${digits.slice(decpt)}`
}
