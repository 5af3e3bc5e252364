import { redisScript } from './redis-client.js'

// Every script touches exactly one key, so each runs atomically on whichever Redis Cluster node
// owns that key's slot. A session is a hash: r (record JSON), v (version), e (expiry, Unix ms),
// u (user id, absent for anonymous sessions); the key's own expiry is the TTL.

/**
 * The versioned write. ARGV: mode ('' unconditional, '-' only if absent, else the expected
 * version), record JSON, TTL ms, expiry Unix ms, '1' when a user id follows, the user id.
 * Returns {0} on a conflict, else {1, the new version}.
 */
export const SET_SESSION = redisScript(`
local current = redis.call('HGET', KEYS[1], 'v')
local mode = ARGV[1]
if mode == '-' then
  if current then return {0} end
elseif mode ~= '' and current ~= mode then
  return {0}
end
local version = (tonumber(current) or 0) + 1
redis.call('HSET', KEYS[1], 'r', ARGV[2], 'v', version, 'e', ARGV[4])
if ARGV[5] == '1' then
  redis.call('HSET', KEYS[1], 'u', ARGV[6])
else
  redis.call('HDEL', KEYS[1], 'u')
end
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return {1, version}
`)

/** Extends a live session. ARGV: TTL ms, expiry Unix ms. Returns 1, or 0 when it is gone. */
export const TOUCH_SESSION = redisScript(`
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
redis.call('HSET', KEYS[1], 'e', ARGV[2])
redis.call('PEXPIRE', KEYS[1], ARGV[1])
return 1
`)

/** Deletes a session only if it still belongs to ARGV[1]. Returns how many it deleted. */
export const DELETE_IF_OWNED = redisScript(`
if redis.call('HGET', KEYS[1], 'u') == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`)

/**
 * Records session id ARGV[1] in a user index (a sorted set) with score ARGV[2], a Unix ms time
 * no earlier than the session's expiry, never lowering a score; then makes the whole index
 * live at least ARGV[3] ms. A member is only ever removed once its score has passed.
 */
export const INDEX_SESSION = redisScript(`
local score = redis.call('ZSCORE', KEYS[1], ARGV[1])
if not score or tonumber(score) < tonumber(ARGV[2]) then
  redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1])
end
if redis.call('PTTL', KEYS[1]) < tonumber(ARGV[3]) then
  redis.call('PEXPIRE', KEYS[1], ARGV[3])
end
return 1
`)
