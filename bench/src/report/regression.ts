/**
 * The most an after/before cost ratio may be before it counts as a regression: a refactor may
 * cost at most 10 % on any target.
 */
export const REGRESSION_LIMIT = 1.1

/** Whether an after/before cost ratio is a regression; `undefined` without a ratio. */
export function isRegression(ratio: number | undefined): boolean | undefined {
  if (ratio === undefined || !Number.isFinite(ratio)) return undefined
  return ratio > REGRESSION_LIMIT
}
