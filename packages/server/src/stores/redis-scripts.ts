import { redisScript } from './redis-client.js'

// Every script touches exactly one key, so each runs atomically on whichever Redis Cluster node
// owns that key's slot. A session is a hash: r (record JSON), v (version), e (expiry, Unix ms),
// u (user id, absent for anonymous sessions); the key's own expiry is the TTL. A user index is a
// sorted set of session ids, each scored with the last time (Unix ms, by the index's server
// clock) a write of that session under this user was announced. The protocol that joins the
// two is in docs/architecture/redis-keys.md.

/** The server's clock in Unix ms, as a Lua expression (TIME is seconds and microseconds). */
const NOW = `(function() local t = redis.call('TIME') return t[1] * 1000 + math.floor(t[2] / 1000) end)()`

/**
 * The versioned write. ARGV: mode ('' unconditional, '-' only if absent, else the expected
 * version), record JSON, TTL ms, expiry Unix ms, '1' when a user id follows, the user id, and
 * the fence: a server time (Unix ms) after which the write must not land ('' for none).
 * Returns {0} on a conflict, {2} past the fence (nothing written), else {1, the new version}.
 */
export const SET_SESSION = redisScript(`
if ARGV[7] ~= '' and ${NOW} > tonumber(ARGV[7]) then return {2} end
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

/**
 * Extends a live session. ARGV: TTL ms, expiry Unix ms, '1' when a user id follows, the user id
 * whose index was extended first, the fence ('' for none). Returns 1; 0 when the session is
 * gone; 2 (nothing written) when it names another user by now, or past the fence.
 */
export const TOUCH_SESSION = redisScript(`
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
local user = redis.call('HGET', KEYS[1], 'u')
if ARGV[3] == '1' then
  if user ~= ARGV[4] then return 2 end
elseif user then
  return 2
end
if ARGV[5] ~= '' and ${NOW} > tonumber(ARGV[5]) then return 2 end
redis.call('HSET', KEYS[1], 'e', ARGV[2])
redis.call('PEXPIRE', KEYS[1], ARGV[1])
return 1
`)

/** Deletes a session. Returns how many keys it deleted. */
export const DELETE_SESSION = redisScript(`return redis.call('DEL', KEYS[1])`)

/**
 * Whether a session belongs to user ARGV[1]: 1 yes; 2 yes, and deleted, when ARGV[2] is '1'; 0
 * no (gone, anonymous, or another user's). With ARGV[3] '1' a 'no' also writes (something that
 * changes nothing), so that a WAIT after it covers the state it was read from.
 */
export const SESSION_OWNER = redisScript(`
local user = redis.call('HGET', KEYS[1], 'u')
if user == ARGV[1] then
  if ARGV[2] == '1' then
    redis.call('DEL', KEYS[1])
    return 2
  end
  return 1
end
if ARGV[3] == '1' then
  if redis.call('EXISTS', KEYS[1]) == 1 then
    redis.call('HINCRBY', KEYS[1], 'v', 0)
  else
    redis.call('HSET', KEYS[1], 'v', 0)
    redis.call('DEL', KEYS[1])
  end
end
return 0
`)

/**
 * Announces a write of session ARGV[1] under this user: scores it with the server's time (never
 * lowering a score) and makes the index live at least ARGV[2] ms. Always writes (the PEXPIRE),
 * so that a WAIT after it covers the index. Returns the time it scored, Unix ms.
 */
export const INDEX_SESSION = redisScript(`
local now = ${NOW}
local score = tonumber(redis.call('ZSCORE', KEYS[1], ARGV[1]))
if not score or score < now then
  redis.call('ZADD', KEYS[1], now, ARGV[1])
end
redis.call('PEXPIRE', KEYS[1], math.max(redis.call('PTTL', KEYS[1]), tonumber(ARGV[2])))
return now
`)

/** The server's time (Unix ms), then each member of a user index followed by its score. */
export const INDEX_MEMBERS = redisScript(`
local members = redis.call('ZRANGE', KEYS[1], 0, -1, 'WITHSCORES')
table.insert(members, 1, ${NOW})
return members
`)

/**
 * Removes the members ARGV[2..] from a user index, each only if its score is still at most
 * ARGV[1] (no write was announced since). Returns how many it removed.
 */
export const INDEX_PRUNE = redisScript(`
local removed = 0
for i = 2, #ARGV do
  local score = tonumber(redis.call('ZSCORE', KEYS[1], ARGV[i]))
  if score and score <= tonumber(ARGV[1]) then
    removed = removed + redis.call('ZREM', KEYS[1], ARGV[i])
  end
end
return removed
`)
