import { FlaskTuple } from './flask-tuple.js'

/** The session key under which Flask's `flash()` keeps its messages. */
export const FLASHES_KEY = '_flashes'

/**
 * Turns each array entry of the top-level `_flashes` list into a {@link FlaskTuple}, because
 * Flask's `flash()` stores `(category, message)` tuples and a decoded session holds them as
 * arrays; re-encoding then gives the bytes Flask itself would write.
 */
export function withFlashTuples(
  data: Readonly<Record<string, unknown>>,
): Readonly<Record<string, unknown>> {
  const flashes = Object.hasOwn(data, FLASHES_KEY) ? data[FLASHES_KEY] : undefined
  if (!Array.isArray(flashes)) return data
  const tupled = flashes.map((entry: unknown) =>
    Array.isArray(entry) ? new FlaskTuple(entry) : entry,
  )
  return { ...data, [FLASHES_KEY]: tupled }
}
