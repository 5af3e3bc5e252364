import { CrumbsError, isCrumbsError } from '@crumbs/core'

/**
 * Runs one store call with a deadline. A failure or a timeout becomes `STORE_UNAVAILABLE` with
 * the cause kept, so the app can answer 503 and the process keeps running.
 */
export async function storeCall<T>(
  operation: string,
  timeout: number,
  call: () => Promise<T>,
): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(
        new CrumbsError(
          'STORE_UNAVAILABLE',
          `The session store did not answer ${operation} within ${timeout} s.`,
          {
            details: { operation, timeout },
          },
        ),
      )
    }, timeout * 1000)
  })
  try {
    return await Promise.race([call(), deadline])
  } catch (error) {
    // The store's own typed errors (INVALID_SESSION_ID, STORE_UNAVAILABLE) pass through as they are.
    if (isCrumbsError(error)) throw error
    throw new CrumbsError('STORE_UNAVAILABLE', `The session store failed during ${operation}.`, {
      cause: error,
      details: { operation },
    })
  } finally {
    clearTimeout(timer)
  }
}
