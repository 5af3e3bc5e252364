import { type CrumbsError, isCrumbsError } from '../src/errors.js'

/** The `CrumbsError` code `run` throws, `undefined` when it returns, or a note for any other throw. */
export function codeOf(run: () => unknown): string | undefined {
  try {
    run()
  } catch (error) {
    return isCrumbsError(error) ? error.code : `not a CrumbsError: ${String(error)}`
  }
  return undefined
}

/** The `CrumbsError` `run` throws; fails the test when it throws nothing or something else. */
export function thrown(run: () => unknown): CrumbsError {
  try {
    run()
  } catch (error) {
    if (isCrumbsError(error)) return error
    throw error
  }
  throw new Error('expected a CrumbsError, but nothing was thrown')
}
