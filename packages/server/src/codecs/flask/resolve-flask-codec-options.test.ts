import { describe, expect, it } from 'vitest'
import { FLASK_CODEC_DEFAULTS, resolveFlaskCodecOptions } from './resolve-flask-codec-options.js'

const SECRET = 'resolver-test-secret-0123456789abcdef'

describe('resolveFlaskCodecOptions', () => {
  it("defaults the salt to Flask's cookie-session", () => {
    expect(resolveFlaskCodecOptions({ secrets: [SECRET] })).toEqual({
      secrets: [SECRET],
      salt: 'cookie-session',
      allowWeakSecret: false,
    })
    expect(FLASK_CODEC_DEFAULTS.salt).toBe('cookie-session')
  })

  it('freezes a copy of the secrets', () => {
    const secrets = [SECRET]
    const resolved = resolveFlaskCodecOptions({ secrets })
    secrets.push('later')
    expect(resolved.secrets).toEqual([SECRET])
    expect(Object.isFrozen(resolved.secrets) && Object.isFrozen(resolved)).toBe(true)
  })

  it.each([
    ['SECRET_MISSING', { secrets: [] }],
    ['SECRET_TOO_SHORT', { secrets: ['x'.repeat(31)] }],
    ['INVALID_OPTION', { secrets: [SECRET], salt: 7 }],
    ['INVALID_OPTION', null],
  ])('throws %s for %j', (code, options) => {
    expect(() => resolveFlaskCodecOptions(options as never)).toThrow(
      expect.objectContaining({ code }),
    )
  })

  it('tells how to generate a secret in the error details', () => {
    expect(() => resolveFlaskCodecOptions({ secrets: ['short'] })).toThrow(
      expect.objectContaining({ details: { index: 0, bytes: 5, minBytes: 32 } }),
    )
  })
})
