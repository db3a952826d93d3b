// The scripts with their SHA1s, computed once at build time (scripts.test.ts checks each against
// its source), so `EVALSHA` needs no hashing at run time.
import type { LuaScript } from '../client.js';
import { CIRCUIT_BREAKER_LUA } from './circuit-breaker.lua.js';
import { RETRY_BUDGET_LUA } from './retry-budget.lua.js';
import { TOKEN_BUCKET_LUA } from './token-bucket.lua.js';

/** Every script resile runs on Redis. */
export const SCRIPTS = {
  tokenBucket: { source: TOKEN_BUCKET_LUA, sha: 'b09f8001f4c57faefc1522abf2ca135841227dd8' },
  retryBudget: { source: RETRY_BUDGET_LUA, sha: 'e97e907d9049b154a7101011971c1be83b38d98d' },
  circuitBreaker: { source: CIRCUIT_BREAKER_LUA, sha: 'c63a84b36c34d90a43f0420f4e71c2630963517b' },
} as const satisfies Record<string, LuaScript>;
