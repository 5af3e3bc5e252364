import { describe, expect, it } from 'vitest'
import { JAR_DEFAULTS, resolveJarOptions } from './jar-options.js'

describe('resolveJarOptions', () => {
  it('fills in the defaults and freezes the result', () => {
    const resolved = resolveJarOptions({ pollInterval: undefined })
    expect(resolved).toEqual(JAR_DEFAULTS)
    expect(Object.isFrozen(resolved)).toBe(true)
  })

  it('keeps what the caller chose', () => {
    const onInvalid = () => {}
    expect(resolveJarOptions({ pollInterval: 0.25, cookieStore: false, onInvalid })).toEqual({
      pollInterval: 0.25,
      cookieStore: false,
      onInvalid,
    })
  })

  it.each([
    { pollInterval: 0 },
    { pollInterval: -1 },
    { pollInterval: Number.NaN },
    { pollInterval: Number.POSITIVE_INFINITY },
    { pollInterval: '1' },
    { cookieStore: 'yes' },
    { onInvalid: 'log' },
  ])('throws INVALID_OPTION for %j', (options) => {
    expect(() => resolveJarOptions(options as never)).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTION' }),
    )
  })
})
