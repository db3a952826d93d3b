import { AdaptiveLimiter } from '../adaptive/limiter.js';
import { Bulkhead } from '../bulkhead/bulkhead.js';
import { checkNumber, typeError } from '../core/validate.js';
import { RateLimiter } from '../rate-limit/rate-limiter.js';
import type { RateLimiterOptions } from '../rate-limit/options.js';
import { PriorityBulkhead } from '../shed/priority-bulkhead.js';
import type { Store } from '../store/store.js';
import { privateBlock } from './private-blocks.js';

/** The `rateLimiter` option: a shared limiter or the settings of one private to that object. */
export function rateLimiterOption(owner: string, value: unknown): RateLimiter<Store | undefined> {
  if (value instanceof RateLimiter) return value as RateLimiter<Store | undefined>;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return typeError(owner, 'rateLimiter', 'a RateLimiter or { limit, interval, burst? }', value);
  }
  const o = value as RateLimiterOptions;
  const fingerprint = `${String(o.limit)}/${String(o.interval)}/${String(o.burst)}`;
  return privateBlock(value, 'rateLimiter', fingerprint, () => new RateLimiter<Store | undefined>(o));
}

/** The `bulkhead` option: a shared bulkhead, or a capacity for one private to the options object. */
export function bulkheadOption(owner: string, holder: object, value: unknown): Bulkhead {
  if (value instanceof Bulkhead) return value;
  const capacity = checkNumber(owner, 'bulkhead', value, { min: 1, integer: true }, 'a positive integer or a Bulkhead');
  return privateBlock(holder, 'bulkhead', String(capacity), () => new Bulkhead(capacity));
}

/** The `priorityBulkhead` option (shared by nature: its thresholds compare calls with each other). */
export function priorityBulkheadOption(owner: string, value: unknown): PriorityBulkhead {
  if (!(value instanceof PriorityBulkhead)) typeError(owner, 'priorityBulkhead', 'a PriorityBulkhead', value);
  return value;
}

/** The `adaptiveLimiter` option (shared by nature: it learns from every call). */
export function adaptiveLimiterOption(owner: string, value: unknown): AdaptiveLimiter {
  if (!(value instanceof AdaptiveLimiter)) typeError(owner, 'adaptiveLimiter', 'an AdaptiveLimiter', value);
  return value;
}
