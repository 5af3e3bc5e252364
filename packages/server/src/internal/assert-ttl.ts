import { CrumbsError } from '@crumbs/core'

/** Throws `INVALID_OPTION` unless `ttl` is a positive, finite number of seconds; stores call it first. */
export function assertTtl(ttl: unknown): asserts ttl is number {
  if (typeof ttl !== 'number' || !Number.isFinite(ttl) || ttl <= 0) {
    throw new CrumbsError(
      'INVALID_OPTION',
      'A session store TTL must be a positive number of seconds.',
      {
        details: { option: 'ttl' },
      },
    )
  }
}
