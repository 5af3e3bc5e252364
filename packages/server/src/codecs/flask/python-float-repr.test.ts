import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { pythonFloatRepr } from './python-float-repr.js'

describe('pythonFloatRepr', () => {
  // Expected strings are Python 3.11's `repr(float)` / `json.dumps(float)`.
  it.each([
    [0.1, '0.1'],
    [-2.5, '-2.5'],
    [1.5e-7, '1.5e-07'],
    [1e-4, '0.0001'],
    [1e-5, '1e-05'],
    [0.00012, '0.00012'],
    [123.456, '123.456'],
    [1e15, '1000000000000000.0'],
    [1e16, '1e+16'],
    [1.2345678901234566e17, '1.2345678901234566e+17'],
    [2 ** 53, '9007199254740992.0'],
    [1e21, '1e+21'],
    [1e300, '1e+300'],
    [5e-324, '5e-324'],
    [Number.MAX_VALUE, '1.7976931348623157e+308'],
    [-0, '-0.0'],
    [0.1 + 0.2, '0.30000000000000004'],
    [100, '100.0'],
    [Number.NaN, 'NaN'],
    [Number.POSITIVE_INFINITY, 'Infinity'],
    [Number.NEGATIVE_INFINITY, '-Infinity'],
  ])('writes %d as %s', (value, text) => {
    expect(pythonFloatRepr(value)).toBe(text)
  })

  it('reads back as the same double', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (value) => {
        expect(Number(pythonFloatRepr(value))).toBe(value)
      }),
    )
  })
})
