import { describe, expect, it } from 'vitest'
import { FlaskTuple } from './flask-tuple.js'
import { withFlashTuples } from './with-flash-tuples.js'

describe('withFlashTuples', () => {
  it('turns each array entry of _flashes into a FlaskTuple', () => {
    const result = withFlashTuples({ _flashes: [['message', 'Hi'], 'odd'], other: [['x']] })
    expect(result._flashes).toEqual([new FlaskTuple(['message', 'Hi']), 'odd'])
    expect(result.other).toEqual([['x']])
  })

  it('leaves data without a _flashes list untouched', () => {
    const data = { _flashes: 'not a list' }
    expect(withFlashTuples(data)).toBe(data)
  })

  it('does not change the caller object', () => {
    const data = { _flashes: [['message', 'Hi']] }
    withFlashTuples(data)
    expect(data._flashes[0]).toEqual(['message', 'Hi'])
  })
})
