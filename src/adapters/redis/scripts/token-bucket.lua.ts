// The shared token bucket (the rules of src/rate-limit/token-bucket.ts, in Lua). A limiter's
// settings are written into its script as literals (one script per distinct limit/interval/
// burst, loaded once): each decision then sends only the time and the count, and the script
// parses nothing else. The state is one string per bucket: tokens and the time of that count as
// two little-endian doubles (struct.pack: exact, and far cheaper in Redis's Lua than formatting
// numbers as text). One GET, one SET with its expiry; a refusal writes nothing; a full bucket
// needs no key, so the key expires once it would have refilled completely. Anything else, or a
// damaged value, under the key reads as a full bucket.
// Needs Redis 5 or later (scripts that read TIME and then write replicate by effects).
// KEYS[1] bucket; ARGV: now ('' = Redis TIME), n.
// Returns { allowed (0/1), retryAfter ms (exact, as text), thousandths of tokens left }.

/** Lua source of the decision of a bucket of `limit` tokens per `interval` ms holding `burst`. */
export function tokenBucketLua(limit: number, interval: number, burst: number): string {
  // String(x) is the shortest text that reads back as exactly x, in JavaScript and in Lua.
  return `local limit, interval, burst = ${String(limit)}, ${String(interval)}, ${String(burst)}
local now = tonumber(ARGV[1])
if not now then
  local t = redis.call('TIME')
  now = t[1] * 1000 + t[2] / 1000
end
local n = tonumber(ARGV[2])
local tokens, updated = burst, now
local s = redis.call('GET', KEYS[1])
if s and #s == 16 then
  tokens, updated = struct.unpack('<d<d', s)
  if not (tokens >= 0 and updated - updated == 0) then
    tokens = burst
    updated = now
  elseif tokens > burst then
    tokens = burst
  end
end
local elapsed = now - updated
if elapsed > 0 then
  tokens = tokens + elapsed * limit / interval
  if tokens > burst then tokens = burst end
  updated = now
end
local missing = n - tokens
if missing > 0 then
  local wait = missing * interval / limit
  if wait > 0.001 then
    local milli = tokens * 1000
    return { 0, string.format('%.17g', wait), milli - milli % 1 }
  end
end
tokens = tokens - n
if tokens < 0 then tokens = 0 end
local ttl = (burst - tokens) * interval / limit
local milli = tokens * 1000
redis.call('SET', KEYS[1], struct.pack('<d<d', tokens, updated), 'PX', ttl - ttl % 1 + 1001)
return { 1, 0, milli - milli % 1 }
`;
}
