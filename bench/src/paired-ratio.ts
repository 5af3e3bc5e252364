import { median } from './median.js'

/** Ratios taken pair by pair, each pair from one slice or round, and their median. */
export interface PairedRatio {
  /** The median of {@link rounds}; `undefined` when no pair could be divided. */
  readonly ratio: number | undefined
  /** `numerator ÷ denominator` of each pair, in order. */
  readonly rounds: readonly number[]
}

/**
 * Divides each `[numerator, denominator]` pair, both measured in the same slice (or round), and
 * keeps the median. A denominator at or below zero is a cost lost in noise, not one to divide by,
 * so its pair is left out.
 */
export function pairedRatio(pairs: readonly (readonly [number, number])[]): PairedRatio {
  const rounds = pairs.filter(([, below]) => below > 0).map(([above, below]) => above / below)
  return { ratio: rounds.length === 0 ? undefined : median(rounds), rounds }
}
