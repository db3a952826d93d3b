// Issue 3 composition: bulkhead + breaker + retry + timeout, resile against cockatiel's wrap of the
// same four policies, all on the success path.
import { bulkhead as cBulkhead, circuitBreaker as cBreaker, ConsecutiveBreaker, ConstantBackoff, handleAll, retry as cRetry, timeout as cTimeout, TimeoutStrategy, wrap } from 'cockatiel';
import { Bulkhead, bulkhead, CircuitBreaker, circuitBreaker, execute, policy, retry, timeout } from 'resile';
import type { BenchGroup } from '../harness.js';

const fn = (): Promise<number> => Promise.resolve(1);

const four = policy(bulkhead(new Bulkhead(1000)), retry({ maxAttempts: 3 }), circuitBreaker(new CircuitBreaker()), timeout(1000));
const sharedBulkhead = new Bulkhead(1000);
const sharedBreaker = new CircuitBreaker();
const executeOptions = { bulkhead: sharedBulkhead, circuitBreaker: sharedBreaker, maxAttempts: 3, attemptTimeout: 1000 };
const cockatielFour = wrap(
  cBulkhead(1000),
  cRetry(handleAll, { maxAttempts: 2, backoff: new ConstantBackoff(10) }),
  cBreaker(handleAll, { halfOpenAfter: 30_000, breaker: new ConsecutiveBreaker(5) }),
  cTimeout(1000, TimeoutStrategy.Aggressive),
);

export const groups: BenchGroup[] = [
  {
    title: 'bulkhead + retry + breaker + timeout, success path',
    tasks: [
      { name: 'resile policy(bulkhead, retry, breaker, timeout)', fn: () => four.execute(fn) },
      { name: 'resile execute(fn, { bulkhead, circuitBreaker, maxAttempts, attemptTimeout })', fn: () => execute(fn, executeOptions) },
      { name: 'cockatiel wrap(bulkhead, retry, breaker, timeout)', fn: () => cockatielFour.execute(fn), peer: 'cockatiel' },
    ],
    targets: [
      { label: 'four-strategy composition ≤ 15× bare, ≤ 1 KB/call', task: 'resile policy(bulkhead, retry, breaker, timeout)', maxBareRatio: 15, maxBytes: 1024 },
      {
        label: 'four-strategy composition ≥ 7× faster than cockatiel',
        task: 'resile policy(bulkhead, retry, breaker, timeout)',
        fasterThan: { than: 'cockatiel wrap(bulkhead, retry, breaker, timeout)', factor: 7 },
      },
    ],
  },
];
