import { CrumbsError, isCrumbsError } from '@crumbs/core'

/** Throws `INVALID_OPTION` unless `ttl` is a positive, finite number of seconds; stores call it first. */
export function assertTtl(ttl: unknown): asserts ttl is number {
  if (typeof ttl !== 'number' || !Number.isFinite(ttl) || ttl <= 0) {
    throw new CrumbsError(
      'INVALID_OPTION',
      'A session store TTL must be a positive number of seconds.',
      { details: { option: 'ttl' } },
    )
  }
}

/**
 * A store's driver failure as `STORE_UNAVAILABLE`, the driver's error kept as `cause`; a
 * `CrumbsError` the store raised itself passes through unchanged.
 */
export function storeUnavailable(store: string, operation: string, cause: unknown): CrumbsError {
  if (isCrumbsError(cause)) return cause
  return new CrumbsError(
    'STORE_UNAVAILABLE',
    `The ${store} session store failed during ${operation}.`,
    { cause, details: { store, operation } },
  )
}
