// The shared token bucket (the rules of src/rate-limit/token-bucket.ts, in Lua). One hash per
// bucket: t = tokens, u = time of that count. A refusal writes nothing; a full bucket needs no
// key, so the key expires once it would have refilled completely.
// KEYS[1] bucket; ARGV: now ('' = Redis TIME), limit, interval, burst, n.
// Returns { allowed (0/1), retryAfter ms, tokens left } (numbers as exact strings).

/** Lua source of the token-bucket decision. */
export const TOKEN_BUCKET_LUA = `
local now = tonumber(ARGV[1])
if not now then
  if redis.replicate_commands then redis.replicate_commands() end
  local t = redis.call('TIME')
  now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
end
local limit = tonumber(ARGV[2])
local interval = tonumber(ARGV[3])
local burst = tonumber(ARGV[4])
local n = tonumber(ARGV[5])
local s = redis.call('HMGET', KEYS[1], 't', 'u')
local tokens = tonumber(s[1])
local updated = tonumber(s[2])
if tokens == nil or updated == nil then
  tokens = burst
  updated = now
end
local elapsed = now - updated
if elapsed > 0 then
  tokens = math.min(burst, tokens + elapsed * limit / interval)
  updated = now
end
local missing = n - tokens
if missing > 0 then
  local wait = missing * interval / limit
  if wait > 0.001 then
    return { 0, string.format('%.17g', wait), string.format('%.17g', tokens) }
  end
end
tokens = math.max(0, tokens - n)
redis.call('HSET', KEYS[1], 't', string.format('%.17g', tokens), 'u', string.format('%.17g', updated))
redis.call('PEXPIRE', KEYS[1], math.ceil((burst - tokens) * interval / limit) + 1000)
return { 1, '0', string.format('%.17g', tokens) }
`;
