import type { CookieSchema } from '../jar/cookie-schema.js'
import type { CookieDefinitions, JarState } from '../jar/define-cookies.js'
import { decodeDeclared } from './decode-declared.js'

interface Snapshot {
  /** The cookie's text, percent-decoded, as read; `undefined` when absent. */
  readonly text: string | undefined
  readonly value: unknown
}

/** In a browser: the last value decoded per jar and name, shared by every hook that reads it. */
const snapshots = new WeakMap<JarState, Map<string, Snapshot>>()

/**
 * The typed value of declared cookie `name` whose text is `text`, as {@link decodeDeclared}
 * gives it, but in a browser the same value for as long as the text is the same: React's
 * `useSyncExternalStore` compares snapshots with `Object.is`, and a codec such as `jsonCodec`
 * decodes a new object on every read, which would re-render without end. Without a `document`
 * (server rendering) nothing is kept, so no two requests ever share a decoded object.
 */
export function cookieSnapshot(
  jar: CookieDefinitions<CookieSchema>,
  name: string,
  text: string | undefined,
): unknown {
  if (typeof document === 'undefined') return decodeDeclared(jar, name, text)
  let byName = snapshots.get(jar.state)
  if (byName === undefined) {
    byName = new Map()
    snapshots.set(jar.state, byName)
  }
  const last = byName.get(name)
  if (last !== undefined && last.text === text) return last.value
  const value = decodeDeclared(jar, name, text)
  byName.set(name, { text, value })
  return value
}
