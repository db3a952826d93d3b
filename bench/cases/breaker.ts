// Issue 3 overhead: a circuit breaker's success path against a bare call, cockatiel and opossum.
import { ConsecutiveBreaker, CountBreaker, circuitBreaker as cBreaker, handleAll } from 'cockatiel';
import Opossum from 'opossum';
import { CircuitBreaker, circuitBreaker, execute, policy } from 'resile';
import type { BenchGroup } from '../harness.js';

const fn = (): Promise<number> => Promise.resolve(1);

const consecutive = new CircuitBreaker({ failureThreshold: 5 });
const counting = new CircuitBreaker({ window: 'count', windowSize: 100, minimumCalls: 10 });
const timed = new CircuitBreaker({ window: 'time', windowSize: 10_000, minimumCalls: 10 });
const inPolicy = policy(circuitBreaker(new CircuitBreaker()));
const forExecute = new CircuitBreaker();
const cockatielConsecutive = cBreaker(handleAll, { halfOpenAfter: 30_000, breaker: new ConsecutiveBreaker(5) });
const cockatielCount = cBreaker(handleAll, { halfOpenAfter: 30_000, breaker: new CountBreaker({ threshold: 0.5, size: 100, minimumNumberOfCalls: 10 }) });
// opossum's defaults add a 10 s timeout timer per call; it is turned off to compare breakers only.
const opossum = new Opossum(fn, { timeout: false, resetTimeout: 30_000 });

export const groups: BenchGroup[] = [
  {
    title: 'circuit breaker, success path',
    tasks: [
      { name: 'resile CircuitBreaker.execute (consecutive)', fn: () => consecutive.execute(fn) },
      { name: 'resile CircuitBreaker.execute (count window)', fn: () => counting.execute(fn) },
      { name: 'resile CircuitBreaker.execute (time window)', fn: () => timed.execute(fn) },
      { name: 'resile policy(circuitBreaker(cb))', fn: () => inPolicy.execute(fn) },
      { name: 'resile execute(fn, { maxAttempts: 1, circuitBreaker })', fn: () => execute(fn, { maxAttempts: 1, circuitBreaker: forExecute }) },
      { name: 'cockatiel circuitBreaker (consecutive)', fn: () => cockatielConsecutive.execute(fn), peer: 'cockatiel' },
      { name: 'cockatiel circuitBreaker (count)', fn: () => cockatielCount.execute(fn), peer: 'cockatiel' },
      { name: 'opossum fire() (timeout off)', fn: () => opossum.fire(), peer: 'opossum' },
    ],
    targets: [{ label: 'breaker ≤ 2.5× bare, ≤ 1 KB/call', task: 'resile CircuitBreaker.execute (consecutive)', maxBareRatio: 2.5, maxBytes: 1024 }],
  },
];
