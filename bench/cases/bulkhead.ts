// Issue 3 capacity layers: bulkhead vs cockatiel's bulkhead and p-limit; rate limiter vs
// rate-limiter-flexible's memory limiter; adaptive limiter and priority bulkhead alone.
import { bulkhead as cBulkhead } from 'cockatiel';
import pLimit from 'p-limit';
import { RateLimiterMemory } from 'rate-limiter-flexible';
import { AdaptiveLimiter, adaptiveLimit, Bulkhead, bulkhead, execute, KeyedRateLimiter, policy, PriorityBulkhead, priorityBulkhead, RateLimiter, rateLimit } from 'resile';
import type { BenchGroup } from '../harness.js';

const fn = (): Promise<number> => Promise.resolve(1);

const shared = new Bulkhead(10);
const resileBulkhead = policy(bulkhead(shared));
const executeOptions = { bulkhead: shared, maxAttempts: 1 };
const cockatielBulkhead = cBulkhead(10, 0);
const limit = pLimit(10);

// Limits high enough that every measured call is admitted: the success path is what is measured.
const rl = new RateLimiter({ limit: 1_000_000_000, interval: 1000 });
const keyed = new KeyedRateLimiter({ limit: 1_000_000_000, interval: 1000 });
const resileRateLimit = policy(rateLimit(rl));
const flexible = new RateLimiterMemory({ points: 1_000_000_000, duration: 1 });

const resileAdaptive = policy(adaptiveLimit(new AdaptiveLimiter()));
const resilePriority = policy(priorityBulkhead(new PriorityBulkhead(10)));

export const groups: BenchGroup[] = [
  {
    title: 'bulkhead, free slot (success path)',
    tasks: [
      { name: 'resile policy(bulkhead)', fn: () => resileBulkhead.execute(fn) },
      { name: 'resile bulkhead.execute(fn)', fn: () => shared.execute(fn) },
      { name: 'resile execute(fn, { bulkhead })', fn: () => execute(fn, executeOptions) },
      { name: 'cockatiel bulkhead', fn: () => cockatielBulkhead.execute(fn), peer: 'cockatiel' },
      { name: 'p-limit', fn: () => limit(fn), peer: 'p-limit' },
    ],
    targets: [
      // A policy call alone costs about 2× bare (context, scope, settle): the bulkhead adds little on top.
      { label: 'policy(bulkhead) ≤ 3× bare', task: 'resile policy(bulkhead)', maxBareRatio: 3 },
      { label: 'bulkhead faster than cockatiel bulkhead', task: 'resile policy(bulkhead)', fasterThan: { than: 'cockatiel bulkhead', factor: 1 } },
      { label: 'bulkhead faster than p-limit', task: 'resile policy(bulkhead)', fasterThan: { than: 'p-limit', factor: 1 } },
      { label: 'bulkhead ≤ 1 KB per call', task: 'resile policy(bulkhead)', maxBytes: 1024 },
    ],
  },
  {
    title: 'rate limiter, admitted call',
    tasks: [
      { name: 'resile rateLimiter.tryAcquire()', fn: () => rl.tryAcquire() },
      { name: 'resile keyed.tryAcquire(key)', fn: () => keyed.tryAcquire('user-1') },
      { name: 'resile policy(rateLimit)', fn: () => resileRateLimit.execute(fn) },
      { name: 'rate-limiter-flexible memory consume(key)', fn: () => flexible.consume('user-1'), peer: 'rate-limiter-flexible' },
    ],
    targets: [
      { label: 'keyed tryAcquire faster than rate-limiter-flexible consume', task: 'resile keyed.tryAcquire(key)', fasterThan: { than: 'rate-limiter-flexible memory consume(key)', factor: 1 } },
      { label: 'policy(rateLimit) ≤ 3× bare', task: 'resile policy(rateLimit)', maxBareRatio: 3 },
    ],
  },
  {
    title: 'adaptive limiter and priority bulkhead, success path',
    tasks: [
      { name: 'resile policy(adaptiveLimit)', fn: () => resileAdaptive.execute(fn) },
      { name: 'resile policy(priorityBulkhead)', fn: () => resilePriority.execute(fn) },
    ],
    targets: [{ label: 'adaptive limiter ≤ 1 KB per call', task: 'resile policy(adaptiveLimit)', maxBytes: 1024 }],
  },
];
