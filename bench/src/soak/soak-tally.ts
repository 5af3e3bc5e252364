/** What the soak counts; every field but the first four is a failed check when above 0. */
export interface SoakTally {
  requests: number
  statuses: Record<string, number>
  /** 503s whose body names a store outage (STORE_UNAVAILABLE, THROTTLE_UNAVAILABLE). */
  outage503: number
  /** Writes whose outcome is unknown (a 503 or a dropped connection): the counter may or may not have moved. */
  uncertainWrites: number
  /** A 5xx that is not a store outage's 503. */
  unexpected5xx: number
  /** A store outage's 503 outside the outages (and their grace). */
  outage503Outside: number
  /** Any other answer the script did not expect (a 401, 403, 429, a wrong body). */
  unexpected: number
  /** Connections that failed without an answer. */
  transportErrors: number
  /** A counter read lower than the writes that answered 2xx. */
  lostWrites: number
  /** A counter read higher than every write sent could make it. */
  phantomWrites: number
  /** A logged-in user found logged out, with no logout sent. */
  lostLogins: number
  /** A cookie copied before a 2xx logout that still logs in. */
  logoutsNotHonoured: number
  /** Examples of each failure, a few per kind. */
  examples: string[]
}

export function newTally(): SoakTally {
  return {
    requests: 0,
    statuses: {},
    outage503: 0,
    uncertainWrites: 0,
    unexpected5xx: 0,
    outage503Outside: 0,
    unexpected: 0,
    transportErrors: 0,
    lostWrites: 0,
    phantomWrites: 0,
    lostLogins: 0,
    logoutsNotHonoured: 0,
    examples: [],
  }
}

/** The failed checks' names. */
export const FAILURES = [
  'unexpected5xx',
  'outage503Outside',
  'unexpected',
  'transportErrors',
  'lostWrites',
  'phantomWrites',
  'lostLogins',
  'logoutsNotHonoured',
] as const

/** Counts one failure of `kind`, keeping the first few descriptions. */
export function fail(tally: SoakTally, kind: (typeof FAILURES)[number], what: string): void {
  tally[kind]++
  if (tally.examples.length < 20) tally.examples.push(`${kind}: ${what}`)
}
