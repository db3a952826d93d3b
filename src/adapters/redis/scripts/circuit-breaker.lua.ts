// The fleet circuit breaker (the rules of src/circuit/fleet-transitions.ts, in Lua). One hash per
// breaker: p phase, e epoch, u open-until, r reopens, h probe holder, l lease-until, k window
// kind, w window data (consecutive: the failure run; count: one digit per call, oldest first;
// time: the 10 slots in order, each "epoch,calls,failures,slow", joined by ';').
// Needs Redis 5 or later (scripts that read TIME and then write replicate by effects).
// KEYS[1] breaker; ARGV: op (sync|acquire|release|force), now ('' = Redis TIME), window,
// failureThreshold, windowSize, failureRateThreshold, minimumCalls, slowCallRateThreshold ('' =
// off), resetTimeout, resetBackoff, maxResetTimeout, idleTtl, then the op's arguments:
//   sync: epoch, calls, failures, slow, trailingFailures, sawSuccess (1/0), outcomes
//   acquire: holder, lease   release: holder, verdict (closed|open|none)   force: phase
// Returns { phase, epoch, openRemaining, reopens, probeHeld (0/1), granted (0/1) }.

/** Lua source of the fleet breaker's operations. */
export const CIRCUIT_BREAKER_LUA = `
local op = ARGV[1]
local now = tonumber(ARGV[2])
if not now then
  local t = redis.call('TIME')
  now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
end
local kind = ARGV[3]
local failureThreshold = tonumber(ARGV[4])
local windowSize = tonumber(ARGV[5])
local failureRate = tonumber(ARGV[6])
local minimumCalls = tonumber(ARGV[7])
local slowRate = tonumber(ARGV[8])
local resetTimeout = tonumber(ARGV[9])
local resetBackoff = tonumber(ARGV[10])
local maxResetTimeout = tonumber(ARGV[11])
local idleTtl = tonumber(ARGV[12])
local BUCKETS = 10
local bucketMs = windowSize / BUCKETS

local f = redis.call('HMGET', KEYS[1], 'p', 'e', 'u', 'r', 'h', 'l', 'k', 'w')
local phase = f[1]
local epoch = tonumber(f[2])
local openUntil = tonumber(f[3]) or 0
local reopens = tonumber(f[4]) or 0
local holder = f[5] or ''
local leaseUntil = tonumber(f[6]) or 0
local w = f[8] or ''
local dirty = false
-- Missing or damaged state starts over closed; damaged times and counts are dropped.
local known = phase == 'closed' or phase == 'open' or phase == 'half-open' or phase == 'isolated'
if not known or not epoch or epoch - epoch ~= 0 then
  phase = 'closed'
  epoch = math.floor(now)
  openUntil = 0
  reopens = 0
  holder = ''
  leaseUntil = 0
  w = ''
  dirty = true
end
if openUntil - openUntil ~= 0 then openUntil = 0 end
if leaseUntil - leaseUntil ~= 0 then leaseUntil = 0 end
if not (reopens >= 0 and reopens < 1e6) then reopens = 0 end
if f[7] ~= kind then
  w = ''
  dirty = true
end

local function decodeTime()
  local b = {}
  for i = 0, BUCKETS - 1 do b[i] = { 0, 0, 0, 0 } end
  local i = 0
  for e, c, fl, s in string.gmatch(w, '(-?[%d%.e+]+),(%d+),(%d+),(%d+)') do
    if i < BUCKETS then b[i] = { tonumber(e), tonumber(c), tonumber(fl), tonumber(s) } end
    i = i + 1
  end
  return b
end

local function encodeTime(b)
  local parts = {}
  for i = 0, BUCKETS - 1 do
    parts[#parts + 1] = string.format('%.17g,%d,%d,%d', b[i][1], b[i][2], b[i][3], b[i][4])
  end
  return table.concat(parts, ';')
end

local function ratesTrip(calls, failures, slow)
  if calls < minimumCalls then return false end
  if failures * 100 >= failureRate * calls then return true end
  return slowRate ~= nil and slow * 100 >= slowRate * calls
end

local function shouldTrip()
  if kind == 'consecutive' then
    local run = tonumber(w) or 0
    return run == run and run >= failureThreshold
  elseif kind == 'count' then
    local _, failures = string.gsub(w, '[13]', '')
    local _, slow = string.gsub(w, '[23]', '')
    return ratesTrip(#w, failures, slow)
  end
  local b = decodeTime()
  local current = math.floor(now / bucketMs)
  local calls, failures, slow = 0, 0, 0
  for i = 0, BUCKETS - 1 do
    local e = b[i][1]
    if e > current - BUCKETS and e <= current then
      calls = calls + b[i][2]
      failures = failures + b[i][3]
      slow = slow + b[i][4]
    end
  end
  return ratesTrip(calls, failures, slow)
end

local function addReport()
  local calls = tonumber(ARGV[14])
  if kind == 'consecutive' then
    local run = tonumber(w) or 0
    if run ~= run then run = 0 end
    if ARGV[18] == '1' then run = tonumber(ARGV[17]) else run = run + tonumber(ARGV[17]) end
    w = tostring(run)
  elseif kind == 'count' then
    w = string.sub(w .. ARGV[19], -windowSize)
  else
    local b = decodeTime()
    local current = math.floor(now / bucketMs)
    local slot = current % BUCKETS
    if b[slot][1] ~= current then b[slot] = { current, 0, 0, 0 } end
    b[slot][2] = b[slot][2] + calls
    b[slot][3] = b[slot][3] + tonumber(ARGV[15])
    b[slot][4] = b[slot][4] + tonumber(ARGV[16])
    w = encodeTime(b)
  end
end

local function moveTo(p)
  phase = p
  epoch = epoch + 1
  holder = ''
  leaseUntil = 0
  dirty = true
end

local function open(n)
  moveTo('open')
  reopens = n
  local duration = resetTimeout
  if resetBackoff ~= 1 and n ~= 0 then duration = math.min(maxResetTimeout, resetTimeout * resetBackoff ^ n) end
  openUntil = now + duration
  w = ''
end

local function close()
  moveTo('closed')
  reopens = 0
  w = ''
end

if phase == 'open' and now >= openUntil then moveTo('half-open') end

local granted = 0
if op == 'sync' then
  local reported = tonumber(ARGV[13])
  if phase == 'closed' and tonumber(ARGV[14]) > 0 and (reported == -1 or reported == epoch) then
    addReport()
    dirty = true
    if shouldTrip() then open(0) end
  end
elseif op == 'acquire' then
  if phase == 'half-open' and (holder == '' or holder == ARGV[13] or leaseUntil <= now) then
    holder = ARGV[13]
    leaseUntil = now + tonumber(ARGV[14])
    granted = 1
    dirty = true
  end
elseif op == 'release' then
  if phase == 'half-open' and holder == ARGV[13] then
    if ARGV[14] == 'closed' then
      close()
    elseif ARGV[14] == 'open' then
      open(reopens + 1)
    else
      holder = ''
      leaseUntil = 0
      dirty = true
    end
  end
elseif op == 'force' then
  if ARGV[13] == 'closed' then
    close()
  elseif phase ~= 'isolated' then
    moveTo('isolated')
  end
end

if dirty then
  redis.call('HSET', KEYS[1], 'p', phase, 'e', string.format('%.17g', epoch), 'u', string.format('%.17g', openUntil),
    'r', reopens, 'h', holder, 'l', string.format('%.17g', leaseUntil), 'k', kind, 'w', w)
end
local remaining = 0
if phase == 'open' then remaining = math.max(0, openUntil - now) end
redis.call('PEXPIRE', KEYS[1], math.ceil(idleTtl + remaining + math.max(0, leaseUntil - now)))
local held = 0
if holder ~= '' and leaseUntil > now then held = 1 end
return { phase, string.format('%.17g', epoch), string.format('%.17g', remaining), reopens, held, granted }
`;
