// Issue 2 overhead: execute, retry and retry+timeout against a bare call, cockatiel and p-retry.
import { handleAll, retry as cRetry, timeout as cTimeout, TimeoutStrategy, wrap, ConstantBackoff } from 'cockatiel';
import pRetry from 'p-retry';
import { execute, policy, retry, timeout } from 'resile';
import type { BenchGroup } from '../harness.js';

const fn = (): Promise<number> => Promise.resolve(1);

const resileRetry = policy(retry({ maxAttempts: 3 }));
const resileRetryTimeout = policy(retry({ maxAttempts: 3 }), timeout(1000));
const cockatielRetry = cRetry(handleAll, { maxAttempts: 2, backoff: new ConstantBackoff(10) });
const cockatielRetryTimeout = wrap(cRetry(handleAll, { maxAttempts: 2, backoff: new ConstantBackoff(10) }), cTimeout(1000, TimeoutStrategy.Aggressive));

export const groups: BenchGroup[] = [
  {
    title: 'execute(fn), default options',
    tasks: [{ name: 'resile execute(fn)', fn: () => execute(fn) }],
    targets: [{ label: 'execute(fn) ≤ 2× bare', task: 'resile execute(fn)', maxBareRatio: 2 }],
  },
  {
    title: 'retry only, success path',
    tasks: [
      { name: 'resile retry', fn: () => resileRetry.execute(fn) },
      { name: 'resile execute(fn, { maxAttempts: 3 })', fn: () => execute(fn, { maxAttempts: 3 }) },
      { name: 'cockatiel retry', fn: () => cockatielRetry.execute(fn), peer: 'cockatiel' },
      { name: 'p-retry', fn: () => pRetry(fn, { retries: 2 }), peer: 'p-retry' },
    ],
    targets: [{ label: 'retry-only ≤ 2.5× bare', task: 'resile retry', maxBareRatio: 2.5 }],
  },
  {
    title: 'retry + timeout, success path',
    tasks: [
      { name: 'resile retry + timeout', fn: () => resileRetryTimeout.execute(fn) },
      { name: 'resile execute(fn, { attemptTimeout })', fn: () => execute(fn, { maxAttempts: 3, attemptTimeout: 1000 }) },
      { name: 'cockatiel wrap(retry, timeout)', fn: () => cockatielRetryTimeout.execute(fn), peer: 'cockatiel' },
    ],
    targets: [
      {
        label: 'retry+timeout ≥ 10× faster than cockatiel wrap(retry, timeout)',
        task: 'resile retry + timeout',
        fasterThan: { than: 'cockatiel wrap(retry, timeout)', factor: 10 },
      },
    ],
  },
];
