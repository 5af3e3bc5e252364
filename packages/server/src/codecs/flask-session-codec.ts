import type { FlashMessage, SessionRecord } from '@crumbs/core'
import { thenMaybe } from '@crumbs/core/engine'
import { createFlaskCodec, type FlaskDecodeResult, FlaskTuple } from './flask/index.js'
import { parseStamp } from './record-json.js'
import type { DecodeResult, SessionCodec } from './session-codec.js'

const MALFORMED = Object.freeze({ valid: false, reason: 'malformed' } as const)

/**
 * crumbs' own fields inside a Flask session dict. Flask keeps `_permanent` and `_flashes`
 * itself; the creation time (absolute timeout) and CSRF token ride in one private key that a
 * Flask app ignores.
 */
const PRIVATE_KEY = '_crumbs'

/**
 * Flask-compatible sessions (itsdangerous, salt `cookie-session`): a Flask app with the same
 * secret reads and writes the same cookie. `maxAge` mirrors `PERMANENT_SESSION_LIFETIME`.
 */
export function flaskSessionCodec(
  secrets: readonly string[],
  maxAge: number,
  allowWeakSecret: boolean,
): SessionCodec {
  const flask = createFlaskCodec({ secrets, allowWeakSecret })
  return {
    encode(record) {
      const data: Record<string, unknown> = { ...record.data }
      if (record.permanent) data._permanent = true
      if (record.flashes && record.flashes.length > 0) {
        data._flashes = record.flashes.map((f) => new FlaskTuple([f.category, f.message]))
      }
      const own: Record<string, unknown> = { c: record.createdAt }
      if (record.csrf !== undefined) own.x = record.csrf
      if (record.stamp !== undefined) own.r = [record.stamp.id, record.stamp.issuedAt]
      data[PRIVATE_KEY] = own
      return flask.encode(data, new Date(record.touchedAt * 1000))
    },
    decode(value, _name, now) {
      return thenMaybe(flask.decode(value, { maxAge, now: new Date(now * 1000) }), toDecoded)
    },
  }
}

/** The session a verified Flask cookie holds, or why it holds none. */
function toDecoded(result: FlaskDecodeResult): DecodeResult {
  if (!result.valid) return result
  const { _permanent, _flashes, [PRIVATE_KEY]: own, ...data } = result.data
  const touchedAt = Math.floor(result.issuedAt.getTime() / 1000)
  const mine = typeof own === 'object' && own !== null ? (own as Record<string, unknown>) : {}
  // Never later than the cookie's own date: a creation time in the future would put off
  // the absolute timeout for as long as it lies.
  const createdAt =
    typeof mine.c === 'number' && Number.isInteger(mine.c) ? Math.min(mine.c, touchedAt) : touchedAt
  const flashes = readFlashes(_flashes)
  const stamp = mine.r === undefined ? undefined : parseStamp(mine.r)
  if (mine.r !== undefined && stamp === undefined) return MALFORMED
  const record: SessionRecord = {
    data,
    createdAt,
    touchedAt,
    permanent: _permanent === true,
    ...(flashes.length > 0 ? { flashes } : {}),
    ...(typeof mine.x === 'string' ? { csrf: mine.x } : {}),
    ...(stamp === undefined ? {} : { stamp }),
  }
  return { valid: true, record, rotated: result.rotated }
}

/** Flask stores flashes as `(category, message)` tuples; anything else is ignored. */
function readFlashes(value: unknown): FlashMessage[] {
  if (!Array.isArray(value)) return []
  const out: FlashMessage[] = []
  for (const entry of value) {
    const pair = entry instanceof FlaskTuple ? entry.items : entry
    if (Array.isArray(pair) && typeof pair[0] === 'string' && typeof pair[1] === 'string') {
      out.push({ category: pair[0], message: pair[1] })
    }
  }
  return out
}
