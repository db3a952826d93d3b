// Retry storm: the dependency is hard down (refuses every call) for 30 s, then back. Plain
// retries multiply the load on a dependency that is already failing; the question is by how much,
// and how soon users see success again once it is back.
import { AdaptiveThrottle, execute, RetryBudget } from '../../../src/index.js';
import { normal } from '../../sim/distributions.js';
import { SimDependency } from '../../sim/dependency.js';
import type { ScenarioDef } from '../define.js';
import { amplificationBetween, successBetween, successRate } from '../result.js';
import { breakerStateCode, type Variant } from '../scenario.js';
import { bySize, labBreaker, sec } from './common.js';

/** Parameters of the retry-storm world (times in ms). */
export interface StormParams {
  readonly [key: string]: number;
  readonly rate: number;
  readonly outageFrom: number;
  readonly outageTo: number;
  readonly duration: number;
  readonly workers: number;
  readonly serviceMs: number;
  readonly attemptTimeout: number;
  readonly bucketMs: number;
}

const SIZES = bySize({
  full: { rate: 200, outageFrom: 20_000, outageTo: 50_000, duration: 80_000 },
  quick: { rate: 50, outageFrom: 20_000, outageTo: 50_000, duration: 80_000 },
  smoke: { rate: 50, outageFrom: 2_000, outageTo: 5_000, duration: 8_000 },
});

/** Success rate (%) a bucket needs for users to count as recovered. */
const RECOVERED = 99;

/** The compared policies; the first is the baseline. */
export const stormVariants: Variant<StormParams>[] = [
  {
    id: 'plain-retries',
    label: 'plain retries (3 attempts)',
    description: 'execute with maxAttempts 3, full-jitter backoff from 100 ms, attemptTimeout 1 s: every failed call is retried twice.',
    build: ({ clock, random, params }) => ({
      send: (call) => execute(call, { clock, random, maxAttempts: 3, attemptTimeout: params.attemptTimeout }),
    }),
  },
  {
    id: 'retry-budget',
    label: 'retry budget',
    description: 'The same retries, plus one RetryBudget (defaults: 500 tokens, a retry costs 5, a success returns 1) shared by all calls: at most one retry per 5 successes once the reserve is spent.',
    build: ({ clock, random, params }) => {
      const retryBudget = new RetryBudget();
      return {
        send: (call) => execute(call, { clock, random, maxAttempts: 3, attemptTimeout: params.attemptTimeout, retryBudget }),
        gauges: { budget: () => retryBudget.tokens },
      };
    },
  },
  {
    id: 'adaptive-throttle',
    label: 'adaptive throttle',
    description: 'The same retries, plus one AdaptiveThrottle (defaults: k 2, 2 min window) around each call: calls are rejected locally as the share the dependency accepts falls below 1 in 2.',
    build: ({ clock, random, params }) => {
      const throttle = new AdaptiveThrottle({ clock, random });
      return {
        send: (call) => execute(call, { clock, random, maxAttempts: 3, attemptTimeout: params.attemptTimeout, adaptiveThrottle: throttle }),
      };
    },
  },
  {
    id: 'breaker-budget',
    label: 'breaker + budget',
    description:
      'The same retries and budget, and one CircuitBreaker that sees every attempt: it opens when half of the last 100 calls failed and sends one probe every 5 s while open.',
    build: ({ clock, random, params }) => {
      const retryBudget = new RetryBudget();
      const breaker = labBreaker(clock);
      return {
        send: (call) => execute(call, { clock, random, maxAttempts: 3, attemptTimeout: params.attemptTimeout, retryBudget, circuitBreaker: breaker }),
        gauges: { breaker: () => breakerStateCode(breaker.state), budget: () => retryBudget.tokens },
      };
    },
  },
];

/** Seconds from the end of the outage until every later bucket has ≥ 99% success; null if never. */
export function recoveryTime(times: readonly number[], success: readonly (number | null)[], outageEnd: number): number | null {
  let lastBad = -1;
  for (let i = 0; i < times.length; i++) {
    const v = success[i];
    if (v !== null && v !== undefined && v < RECOVERED) lastBad = i;
  }
  if (lastBad === times.length - 1) return null;
  const bucket = (times[1] ?? 1) - (times[0] ?? 0);
  const recoveredAt = lastBad < 0 ? 0 : (times[lastBad] as number) + bucket;
  return Math.max(0, recoveredAt - outageEnd);
}

/** The retry-storm scenario: a 30 s hard-down outage and the load retries add to it. */
export const retryStorm: ScenarioDef<StormParams> = {
  id: 'retry-storm',
  title: 'Retry storm',
  question: 'The dependency refuses every call for 30 s: how much load do retries add while it is down, and how soon do users succeed again?',
  variants: stormVariants,
  columns: [
    { key: 'amplificationOutage', label: 'load × during outage', format: 'x' },
    { key: 'amplificationNormal', label: 'load × before outage', format: 'x' },
    { key: 'peakLoad', label: 'peak load', format: 'rps' },
    { key: 'successOutage', label: 'success during outage', format: 'pct' },
    { key: 'recovery', label: 'recovery after outage', format: 's' },
    { key: 'success', label: 'success overall', format: 'pct' },
  ],
  charts: [
    { kind: 'bars', id: 'amplification', title: 'Load amplification during the outage', metrics: [{ key: 'amplificationOutage', label: 'during outage' }, { key: 'amplificationNormal', label: 'before outage' }], unit: '×' },
    { kind: 'line', id: 'load', title: 'Requests reaching the dependency', series: ['load'], unit: 'req/s' },
    { kind: 'line', id: 'success', title: 'User success rate', series: ['success'], unit: '%' },
    { kind: 'line', id: 'budget', title: 'Retry budget: tokens left', series: ['budget'], unit: 'tokens', step: true },
    { kind: 'line', id: 'breaker', title: 'Circuit breaker state (0 closed, 1 half-open, 2 open)', series: ['breaker'], unit: 'state', step: true },
  ],
  targets: [
    {
      label: 'plain retries amplify load ≈ 3× while the dependency is down',
      variant: 'plain-retries',
      check: (m) => ({ measured: `${(m.amplificationOutage ?? 0).toFixed(2)}×`, met: Math.abs((m.amplificationOutage ?? 0) - 3) < 0.05 }),
    },
    {
      label: 'a retry budget keeps load ≤ 1.1× during the outage',
      variant: 'retry-budget',
      check: (m) => ({ measured: `${(m.amplificationOutage ?? 0).toFixed(2)}×`, met: (m.amplificationOutage ?? Infinity) <= 1.1 }),
    },
  ],
  notes: [
    'Dependency: 40 workers, service time normal(20 ms, sd 4 ms) (capacity ≈ 2000 req/s); during the outage it refuses each call within 1 ms. Users arrive open-loop (Poisson).',
    `Recovery: seconds from the end of the outage until every later 0.5 s bucket has ≥ ${String(RECOVERED)}% of its completed user requests successful.`,
    'Retry budget: its reserve (100 retries) is spent in the first half second of the outage; after that a failed call fails at once instead of retrying, and successes refill the budget within 2 s of the dependency coming back.',
    'Adaptive throttle: it counts a call and its retries as one request, and its 2-minute window still holds the 20 s of successes before the outage, so it rejects few calls while the dependency is down and goes on rejecting some for seconds after it is back. It trims load on a backend that still accepts part of it; against a dead one, pair it with a breaker (docs/adaptive-throttle.md).',
    'Breaker + budget: the breaker opens in the first half second; while open it refuses attempts at once and lets one probe through every 5 s, so users wait up to 5 s after the dependency is back, depending on when the last probe ran.',
  ],
  params: ({ size }) => ({ ...SIZES[size], workers: 40, serviceMs: 20, attemptTimeout: 1_000, bucketMs: size === 'smoke' ? 250 : 500 }),
  phases: (p) => [{ from: sec(p.outageFrom), to: sec(p.outageTo), label: 'hard down' }],
  run: async (params, { simulate }) => {
    const sim = await simulate({
      duration: params.duration,
      grace: 0,
      bucketMs: params.bucketMs,
      rate: params.rate,
      target: (clock, random) =>
        new SimDependency({
          clock,
          random,
          latency: normal(params.serviceMs, params.serviceMs / 5),
          workers: params.workers,
          outages: [{ from: params.outageFrom, to: params.outageTo, mode: 'refuse' }],
        }),
    });
    const r = sim.recording;
    const from = sec(params.outageFrom);
    const to = sec(params.outageTo);
    return {
      recording: r,
      metrics: {
        amplificationOutage: amplificationBetween(r, from, to),
        amplificationNormal: amplificationBetween(r, 0, from),
        peakLoad: Math.max(...(r.counters.load ?? [])) / sec(params.bucketMs),
        successOutage: successBetween(r, from, to),
        recovery: recoveryTime(r.times, successRate(r.successes, r.failures), to),
        success: r.sent === 0 ? null : (100 * r.succeeded) / r.sent,
      },
    };
  },
};
