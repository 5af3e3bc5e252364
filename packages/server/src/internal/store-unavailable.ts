import { CrumbsError, isCrumbsError } from '@crumbs/core'

/**
 * A store's driver failure as `STORE_UNAVAILABLE`, the driver's error kept as `cause`; a
 * `CrumbsError` the store raised itself passes through unchanged.
 */
export function storeUnavailable(store: string, operation: string, cause: unknown): CrumbsError {
  if (isCrumbsError(cause)) return cause
  return new CrumbsError(
    'STORE_UNAVAILABLE',
    `The ${store} session store failed during ${operation}.`,
    {
      cause,
      details: { store, operation },
    },
  )
}
