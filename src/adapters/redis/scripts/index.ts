// The scripts with their SHA1s, computed once at build time (scripts.test.ts checks each against
// its source), so `EVALSHA` needs no hashing at run time.
import type { LuaScript } from '../client.js';
import { CIRCUIT_BREAKER_LUA } from './circuit-breaker.lua.js';
import { RETRY_BUDGET_LUA } from './retry-budget.lua.js';
import { TOKEN_BUCKET_LUA } from './token-bucket.lua.js';

/** Every script resile runs on Redis. */
export const SCRIPTS = {
  tokenBucket: { source: TOKEN_BUCKET_LUA, sha: '4362645a84775c95c0fbc8fb85a34f22a529adfa' },
  retryBudget: { source: RETRY_BUDGET_LUA, sha: '1fd056efe1c3fb25f86dfcbfa45735671f9bdc9e' },
  circuitBreaker: { source: CIRCUIT_BREAKER_LUA, sha: 'c58e822c20fa9b4a9f29fcccc61ddb2a5a18048a' },
} as const satisfies Record<string, LuaScript>;
