// The shared retry budget (the rules of src/budget/token-budget.ts, in Lua): one string key
// holding the tokens; a full budget needs no key.
// KEYS[1] budget; ARGV: capacity, retryCost, successRefill, successes, spend (1/0), ttl ms.
// Returns { allowed (0/1), tokens left (exact string) }.

/** Lua source of the retry-budget update. */
export const RETRY_BUDGET_LUA = `
local capacity = tonumber(ARGV[1])
local cost = tonumber(ARGV[2])
local refill = tonumber(ARGV[3])
local successes = tonumber(ARGV[4])
local tokens = tonumber(redis.call('GET', KEYS[1]))
-- Missing or damaged (NaN, out of range): a full budget.
if not (tokens and tokens >= 0 and tokens <= capacity) then tokens = capacity end
if successes > 0 then tokens = math.min(capacity, tokens + successes * refill) end
local allowed = 0
if ARGV[5] == '1' and tokens >= cost then
  tokens = tokens - cost
  allowed = 1
end
if tokens >= capacity then
  redis.call('DEL', KEYS[1])
else
  redis.call('SET', KEYS[1], string.format('%.17g', tokens), 'PX', ARGV[6])
end
return { allowed, string.format('%.17g', tokens) }
`;
