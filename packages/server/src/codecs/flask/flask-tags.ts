/**
 * The keys of Flask's `TaggedJSONSerializer` default tags: ` di` (a dict whose one key is itself
 * a tag), ` t` tuple, ` b` bytes, ` m` Markup, ` u` UUID, ` d` datetime.
 */
export const FLASK_TAG_KEYS: ReadonlySet<string> = new Set([' di', ' t', ' b', ' m', ' u', ' d'])
