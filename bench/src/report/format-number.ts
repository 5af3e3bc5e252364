/** `1 234 567` style grouping for ops/s; a thin space keeps columns narrow. */
export function formatCount(value: number): string {
  return Math.round(value)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, '\u202f')
}

/** A ratio with two significant decimals below 10 and none above 100: `0.42×`, `31.7×`, `212×`. */
export function formatRatio(value: number | undefined): string {
  if (value === undefined || !Number.isFinite(value)) return 'n/a'
  if (value >= 100) return `${value.toFixed(0)}×`
  if (value >= 10) return `${value.toFixed(1)}×`
  return `${value.toFixed(2)}×`
}

/** Microseconds with one decimal (two below 1 µs). */
export function formatMicros(value: number | undefined): string {
  if (value === undefined || !Number.isFinite(value)) return 'n/a'
  return value < 1 && value > -1 ? value.toFixed(2) : value.toFixed(1)
}
