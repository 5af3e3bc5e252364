import { isCrumbsError } from '@crumbs/core'

/** The `CrumbsError` code `run` throws, `undefined` when it returns, or a note for any other throw. */
export function codeOf(run: () => unknown): string | undefined {
  try {
    run()
  } catch (error) {
    return isCrumbsError(error) ? error.code : `not a CrumbsError: ${String(error)}`
  }
  return undefined
}
