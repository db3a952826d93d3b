// The shared token bucket (the rules of src/rate-limit/token-bucket.ts, in Lua). One string per
// bucket: tokens and the time of that count as two little-endian doubles (struct.pack: exact, and
// far cheaper in Redis's Lua than formatting numbers as text). One GET, one SET with its expiry;
// a refusal writes nothing; a full bucket needs no key, so the key expires once it would have
// refilled completely. Anything else or damaged found under the key reads as a full bucket.
// KEYS[1] bucket; ARGV: now ('' = Redis TIME), limit, interval, burst, n.
// Returns { allowed (0/1), retryAfter ms (exact), tokens left (to 14 digits) }.

/** Lua source of the token-bucket decision. */
export const TOKEN_BUCKET_LUA = `
local now = tonumber(ARGV[1])
if not now then
  if redis.replicate_commands then redis.replicate_commands() end
  local t = redis.call('TIME')
  now = t[1] * 1000 + t[2] / 1000
end
local limit = tonumber(ARGV[2])
local interval = tonumber(ARGV[3])
local burst = tonumber(ARGV[4])
local n = tonumber(ARGV[5])
local tokens = burst
local updated = now
local s = redis.call('GET', KEYS[1])
if s and #s == 16 then
  tokens, updated = struct.unpack('<d<d', s)
  -- A damaged value (NaN, infinities, negative tokens) reads as a full bucket, never as an error.
  if not (tokens >= 0 and updated - updated == 0) then
    tokens = burst
    updated = now
  elseif tokens > burst then
    tokens = burst
  end
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
    return { 0, string.format('%.17g', wait), tostring(tokens) }
  end
end
tokens = math.max(0, tokens - n)
redis.call('SET', KEYS[1], struct.pack('<d<d', tokens, updated), 'PX', math.ceil((burst - tokens) * interval / limit) + 1000)
return { 1, '0', tostring(tokens) }
`;
