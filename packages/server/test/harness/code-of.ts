import { isCrumbsError } from '@crumbs/core'

const describeThrow = (error: unknown): string =>
  isCrumbsError(error) ? error.code : `not a CrumbsError: ${String(error)}`

/** The `CrumbsError` code `run` throws, `undefined` when it returns, or a note for any other throw. */
export function codeOf(run: () => unknown): string | undefined {
  try {
    run()
  } catch (error) {
    return describeThrow(error)
  }
  return undefined
}

/** The `CrumbsError` code `promise` rejects with, `'resolved'` when it resolves, or a note. */
export function rejectionCode(promise: Promise<unknown>): Promise<string> {
  return promise.then(() => 'resolved', describeThrow)
}
