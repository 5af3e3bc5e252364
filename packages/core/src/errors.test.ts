import { describe, expect, it, vi } from 'vitest'
import { CrumbsError, isCrumbsError } from './errors.js'

/** A second, separately evaluated copy of this module: what an app gets when it both imports and requires crumbs. */
async function otherCopy(): Promise<typeof import('./errors.js')> {
  vi.resetModules()
  return import('./errors.js')
}

describe('CrumbsError', () => {
  it('is instanceof CrumbsError for an error made by another copy of the module', async () => {
    const other = await otherCopy()
    expect(other.CrumbsError).not.toBe(CrumbsError)
    const error = new other.CrumbsError('COOKIE_TOO_LARGE', 'too large')
    expect(error instanceof CrumbsError).toBe(true)
    expect(new CrumbsError('SECRET_MISSING', 'missing') instanceof other.CrumbsError).toBe(true)
    expect(isCrumbsError(error, 'COOKIE_TOO_LARGE')).toBe(true)
  })

  it('is not instanceof CrumbsError for other errors and values', () => {
    expect(new Error('x') instanceof CrumbsError).toBe(false)
    expect(Object.assign(new Error('x'), { code: 'COOKIE_TOO_LARGE' }) instanceof CrumbsError).toBe(
      false,
    )
    expect((null as unknown) instanceof CrumbsError).toBe(false)
  })

  it('stays an Error with its code, cause and frozen details', () => {
    const cause = new Error('inner')
    const error = new CrumbsError('STORE_UNAVAILABLE', 'down', { cause, details: { ms: 5 } })
    expect(error instanceof Error).toBe(true)
    expect(error.code).toBe('STORE_UNAVAILABLE')
    expect(error.cause).toBe(cause)
    expect(Object.isFrozen(error.details)).toBe(true)
  })
})
