// The scripts with their SHA1s: the fixed ones computed at build time (scripts.test.ts checks
// each against its source), the token bucket's once per distinct limiter configuration.
import { createHash } from 'node:crypto';
import type { LuaScript } from '../client.js';
import { CIRCUIT_BREAKER_LUA } from './circuit-breaker.lua.js';
import { RETRY_BUDGET_LUA } from './retry-budget.lua.js';
import { tokenBucketLua } from './token-bucket.lua.js';

/** Every script resile runs on Redis. */
export const SCRIPTS = {
  retryBudget: { source: RETRY_BUDGET_LUA, sha: '1fd056efe1c3fb25f86dfcbfa45735671f9bdc9e' },
  circuitBreaker: { source: CIRCUIT_BREAKER_LUA, sha: 'b0b585539f4cb10176a287270e6a20e46c008ead' },
} as const satisfies Record<string, LuaScript>;

const buckets = new Map<string, LuaScript>();

/** The token-bucket script of one configuration (cached: configurations are few, keys are not). */
export function tokenBucketScript(limit: number, interval: number, burst: number): LuaScript {
  const id = `${String(limit)}/${String(interval)}/${String(burst)}`;
  let script = buckets.get(id);
  if (script === undefined) {
    const source = tokenBucketLua(limit, interval, burst);
    buckets.set(id, (script = { source, sha: createHash('sha1').update(source).digest('hex') }));
  }
  return script;
}
