import type { Response } from 'express'
import type { LoginOutcome } from '../login-guard.js'

/** A login the guard stopped before any password check. */
export type RefusedLogin = Extract<LoginOutcome, { kind: 'throttled' | 'busy' }>

/** "14 minutes": a wait in seconds, rounded up to the unit a person reads. */
function humanWait(seconds: number): string {
  const [amount, unit] =
    seconds < 60
      ? [seconds, 'second']
      : seconds < 3600
        ? [Math.ceil(seconds / 60), 'minute']
        : [Math.ceil(seconds / 3600), 'hour']
  return `${amount} ${unit}${amount === 1 ? '' : 's'}`
}

/**
 * Sets the status (429 for too many failures, 503 when hashing is saturated) and `Retry-After`
 * (RFC 9110 §10.2.3, in seconds) of a refused login, and returns the sentence to show.
 */
export function refuseLogin(res: Response, refused: RefusedLogin): string {
  res.status(refused.kind === 'throttled' ? 429 : 503)
  res.set('Retry-After', String(refused.retryAfter))
  return refused.kind === 'throttled'
    ? `Too many failed logins. Try again in ${humanWait(refused.retryAfter)}.`
    : 'The server is busy. Please try again in a moment.'
}
