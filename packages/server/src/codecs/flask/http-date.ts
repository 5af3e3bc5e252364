const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

// RFC 5322 §3.3 date-time as Python's `email.utils.parsedate` reads it in practice: optional
// day-of-week, day, month name, 4-digit year, time with optional seconds, and a zone.
const DATE_TIME =
  /^(?:[A-Za-z]{3}, ?)?(\d{1,2}) ([A-Za-z]{3}) (\d{4}) (\d{2}):(\d{2})(?::(\d{2}))? (GMT|UTC?|Z|[+-]\d{4})$/

const pad = (value: number, width: number): string => String(value).padStart(width, '0')

/**
 * Formats `date` as Werkzeug's `http_date` (an RFC 7231 §7.1.1.1 IMF-fixdate such as
 * `Sun, 06 Nov 1994 08:49:37 GMT`; milliseconds dropped), or `undefined` outside the years 1 to
 * 9999 that a Python `datetime` can hold.
 */
export function formatHttpDate(date: Date): string | undefined {
  const year = date.getUTCFullYear()
  if (!(year >= 1 && year <= 9999)) return undefined
  const day = DAYS[date.getUTCDay()]!
  const month = MONTHS[date.getUTCMonth()]!
  const time = `${pad(date.getUTCHours(), 2)}:${pad(date.getUTCMinutes(), 2)}:${pad(date.getUTCSeconds(), 2)}`
  return `${day}, ${pad(date.getUTCDate(), 2)} ${month} ${pad(year, 4)} ${time} GMT`
}

/**
 * Reads a date written by {@link formatHttpDate} (or any RFC 5322 date-time with a numeric or
 * UTC zone); `null` when it does not parse, as Werkzeug's `parse_date` returns `None`.
 */
export function parseHttpDate(text: string): Date | null {
  const match = DATE_TIME.exec(text)
  if (match === null) return null
  const [, dayText, monthText, yearText, hourText, minuteText, secondText, zone] = match
  const month = MONTHS.findIndex((name) => name.toLowerCase() === monthText!.toLowerCase())
  const [day, year, hour, minute] = [dayText, yearText, hourText, minuteText].map(Number) as [
    number,
    number,
    number,
    number,
  ]
  const second = secondText === undefined ? 0 : Number(secondText)
  if (month < 0 || year < 1 || hour > 23 || minute > 59 || second > 59) return null
  const utc = new Date(Date.UTC(2000, month, day, hour, minute, second))
  utc.setUTCFullYear(year)
  // Date.UTC rolls 31 Feb over into March; Python's datetime refuses it.
  if (utc.getUTCDate() !== day || utc.getUTCMonth() !== month) return null
  return new Date(utc.getTime() - zoneOffsetMinutes(zone!) * 60_000)
}

function zoneOffsetMinutes(zone: string): number {
  if (zone[0] !== '+' && zone[0] !== '-') return 0
  const minutes = Number(zone.slice(1, 3)) * 60 + Number(zone.slice(3, 5))
  return zone[0] === '-' ? -minutes : minutes
}
