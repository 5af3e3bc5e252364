const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
const DAY_MS = 86_400_000

/**
 * `time`, integer milliseconds since the epoch, as an IMF-fixdate (RFC 9110 §5.6.7), the form
 * RFC 6265 §4.1.1 calls sane-cookie-date: `Sun, 06 Nov 1994 08:49:37 GMT`.
 *
 * Computed from the number alone, so no method of a caller's `Date` (which may be overridden,
 * and could write `; Domain=…` into a header) is involved. The result equals
 * `new Date(time).toUTCString()` over the whole `Date` range; years outside 0000–9999, which no
 * cookie date uses, come out as that writes them.
 */
export function formatHttpDate(time: number): string {
  const days = Math.floor(time / DAY_MS)
  const seconds = Math.floor((time - days * DAY_MS) / 1000)
  // Proleptic Gregorian date from a day count, in 400-year eras that start on 1 March 0000
  // (H. Hinnant, "chrono-Compatible Low-Level Date Algorithms", civil_from_days).
  const shifted = days + 719_468
  const era = Math.floor(shifted / 146_097)
  const dayOfEra = shifted - era * 146_097
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36_524) -
      Math.floor(dayOfEra / 146_096)) /
      365,
  )
  const dayOfYear =
    dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100))
  const marchMonth = Math.floor((5 * dayOfYear + 2) / 153)
  const day = dayOfYear - Math.floor((153 * marchMonth + 2) / 5) + 1
  const month = marchMonth < 10 ? marchMonth + 2 : marchMonth - 10
  const year = yearOfEra + era * 400 + (month < 2 ? 1 : 0)
  // 1 January 1970, day 0, was a Thursday.
  const weekday = (((days + 4) % 7) + 7) % 7
  const yearText = `${year < 0 ? '-' : ''}${String(Math.abs(year)).padStart(4, '0')}`
  return (
    `${WEEKDAYS[weekday]}, ${twoDigits(day)} ${MONTHS[month]} ${yearText} ` +
    `${twoDigits(Math.floor(seconds / 3600))}:${twoDigits(Math.floor(seconds / 60) % 60)}:` +
    `${twoDigits(seconds % 60)} GMT`
  )
}

function twoDigits(value: number): string {
  return value < 10 ? `0${value}` : `${value}`
}
