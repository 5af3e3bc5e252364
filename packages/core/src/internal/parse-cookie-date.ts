const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec']

// IMF-fixdate (RFC 9110 §5.6.7), what nearly every server sends: read in one match, with the
// same result as the general algorithm below (a day name is never taken for a month).
const IMF_FIXDATE =
  /^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), (\d\d) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (\d{4}) (\d\d):(\d\d):(\d\d) GMT$/

// Three letters per month: a month's index is its offset here divided by 3.
const FIXDATE_MONTHS = 'JanFebMarAprMayJunJulAugSepOctNovDec'

// The productions of RFC 6265 §5.1.1, applied to one date-token each.
// time = hms-time [ non-digit *OCTET ]; hms-time = 1*2DIGIT ":" 1*2DIGIT ":" 1*2DIGIT
const TIME = /^(\d{1,2}):(\d{1,2}):(\d{1,2})(?:\D|$)/
// day-of-month = 1*2DIGIT [ non-digit *OCTET ]
const DAY = /^(\d{1,2})(?:\D|$)/
// year = 2*4DIGIT [ non-digit *OCTET ]
const YEAR = /^(\d{2,4})(?:\D|$)/

/**
 * Parses a cookie date with the lenient algorithm of RFC 6265 §5.1.1, which accepts every
 * date format servers have sent; `undefined` when the algorithm fails.
 */
export function parseCookieDate(text: string): Date | undefined {
  const fixdate = IMF_FIXDATE.exec(text)
  if (fixdate !== null) {
    return toDate(
      Number(fixdate[3]),
      FIXDATE_MONTHS.indexOf(fixdate[2]!) / 3,
      Number(fixdate[1]),
      fixdate[4]!,
      fixdate[5]!,
      fixdate[6]!,
    )
  }
  let time: RegExpExecArray | undefined
  let day: number | undefined
  let month: number | undefined
  let year: number | undefined
  const length = text.length
  let index = 0
  while (index < length) {
    while (index < length && isDelimiter(text.charCodeAt(index))) index++
    const start = index
    while (index < length && !isDelimiter(text.charCodeAt(index))) index++
    if (start === index) break
    const token = text.slice(start, index)
    if (time === undefined) {
      const match = TIME.exec(token)
      if (match !== null) {
        time = match
        continue
      }
    }
    if (day === undefined) {
      const match = DAY.exec(token)
      if (match !== null) {
        day = Number(match[1])
        continue
      }
    }
    if (month === undefined) {
      const found = MONTHS.indexOf(token.slice(0, 3).toLowerCase())
      if (found !== -1) {
        month = found
        continue
      }
    }
    if (year === undefined) {
      const match = YEAR.exec(token)
      if (match !== null) year = Number(match[1])
    }
  }
  if (time === undefined || day === undefined || month === undefined || year === undefined) {
    return undefined
  }
  return toDate(year, month, day, time[1]!, time[2]!, time[3]!)
}

/** The date the fields name, after RFC 6265 §5.1.1 steps 3–6, or `undefined`. */
function toDate(
  year: number,
  month: number,
  day: number,
  hours: string,
  minutes: string,
  seconds: string,
): Date | undefined {
  if (year >= 70 && year <= 99) year += 1900
  else if (year >= 0 && year <= 69) year += 2000
  const hour = Number(hours)
  const minute = Number(minutes)
  const second = Number(seconds)
  if (day < 1 || day > 31 || year < 1601 || hour > 23 || minute > 59 || second > 59) {
    return undefined
  }
  const date = new Date(Date.UTC(year, month, day, hour, minute, second))
  // A day past the end of its month (30 February) rolls over in Date.UTC: the date is invalid.
  return date.getUTCDate() === day ? date : undefined
}

/** delimiter = %x09 / %x20-2F / %x3B-40 / %x5B-60 / %x7B-7E */
function isDelimiter(code: number): boolean {
  return (
    code === 0x09 ||
    (code >= 0x20 && code <= 0x2f) ||
    (code >= 0x3b && code <= 0x40) ||
    (code >= 0x5b && code <= 0x60) ||
    (code >= 0x7b && code <= 0x7e)
  )
}
