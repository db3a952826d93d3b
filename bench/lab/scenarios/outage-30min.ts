// The 30-minute outage: three replicas behind a round-robin balancer; one replica's p99 climbs
// from 12 ms to 480 ms over ten minutes, then its calls take longer than the client's timeout for
// five minutes, then it recovers. What do users see, minute by minute?
import { AdaptiveLimiter, adaptiveLimit, circuitBreaker, execute, policy, retry, RetryBudget, timeout } from '../../../src/index.js';
import { SimCluster } from '../../sim/cluster.js';
import { logNormal } from '../../sim/distributions.js';
import { SimDependency } from '../../sim/dependency.js';
import { piecewise } from '../../sim/schedule.js';
import type { ScenarioDef } from '../define.js';
import { amplificationBetween, successBetween } from '../result.js';
import { breakerStateCode, type Variant } from '../scenario.js';
import { bySize, labBreaker, sec } from './common.js';

/** Parameters of the outage world (times in ms; `minute` shrinks the timeline for smoke runs). */
export interface OutageParams {
  readonly [key: string]: number;
  readonly rate: number;
  readonly minute: number;
  readonly replicas: number;
  readonly workers: number;
  readonly p50: number;
  readonly p99: number;
  /** Latency factor at the end of the climb (12 ms → 480 ms p99). */
  readonly climbFactor: number;
  /** Latency factor while calls take longer than the timeout. */
  readonly pastTimeoutFactor: number;
  readonly timeout: number;
  readonly bucketMs: number;
}

const SIZES = bySize({
  full: { rate: 100, minute: 60_000, bucketMs: 10_000 },
  quick: { rate: 10, minute: 60_000, bucketMs: 10_000 },
  smoke: { rate: 10, minute: 3_000, bucketMs: 1_000 },
});

/** Minutes of the timeline: climb starts, passes the timeout, recovers, run ends. */
const CLIMB = 5;
const PAST = 15;
const RECOVER = 20;
const END = 30;

/** Hedging delay of the `hedged` variant: 4× the healthy p99, so a healthy replica is rarely hedged. */
const HEDGE_MS = 50;

/** The compared policies; the first is the baseline. */
export const outageVariants: Variant<OutageParams>[] = [
  {
    id: 'bare',
    label: 'no policy',
    description: 'Each request calls the dependency once and waits as long as it takes.',
    build: ({ clock, random }) => ({ send: (call) => execute(call, { clock, random, maxAttempts: 1 }) }),
  },
  {
    id: 'timeout-retry',
    label: 'timeout + 3 attempts',
    description: 'execute with attemptTimeout 1 s and maxAttempts 3 (full-jitter backoff from 100 ms): the common hand-rolled policy.',
    build: ({ clock, random, params }) => ({
      send: (call) => execute(call, { clock, random, maxAttempts: 3, attemptTimeout: params.timeout }),
    }),
  },
  {
    id: 'layered',
    label: 'layered policy',
    description:
      'policy(adaptiveLimit, retry(3 attempts, retry budget), timeout(1 s), circuitBreaker), the order execute applies: one limiter permit per call and its retries; each attempt timed out on its own; every attempt a breaker sample.',
    build: ({ clock, random, params }) => {
      const limiter = new AdaptiveLimiter({ clock });
      const breaker = labBreaker(clock);
      const layered = policy(adaptiveLimit(limiter), retry({ maxAttempts: 3, retryBudget: new RetryBudget() }), timeout(params.timeout), circuitBreaker(breaker));
      return {
        send: (call) => layered.execute(call, { clock, random }),
        gauges: { limit: () => limiter.limit, inFlight: () => limiter.inFlight, breaker: () => breakerStateCode(breaker.state) },
      };
    },
  },
  {
    id: 'hedged',
    label: 'hedged, no limiter',
    description:
      'policy(retry(3 attempts, hedging after 50 ms, retry budget), timeout(1 s), circuitBreaker): a call still unanswered after 50 ms (4× the healthy p99) is sent again, which the balancer routes to another replica.',
    build: ({ clock, random, params }) => {
      const breaker = labBreaker(clock);
      const hedged = policy(retry({ maxAttempts: 3, hedgingDelay: HEDGE_MS, retryBudget: new RetryBudget() }), timeout(params.timeout), circuitBreaker(breaker));
      return {
        send: (call) => hedged.execute(call, { clock, random }),
        gauges: { breaker: () => breakerStateCode(breaker.state) },
      };
    },
  },
];

/** The 30-minute outage scenario: one replica degrades and recovers. */
export const outage30min: ScenarioDef<OutageParams> = {
  id: 'outage-30min',
  title: 'The 30-minute outage',
  question: 'One of three replicas degrades (p99 12 ms → 480 ms, then past the timeout, then back): what do users see?',
  variants: outageVariants,
  columns: [
    { key: 'errors', label: 'user errors', format: 'pct' },
    { key: 'shed', label: 'of which shed', format: 'pct' },
    { key: 'unfinished', label: 'hung at end', format: 'int' },
    { key: 'p99', label: 'p99 (30 min)', format: 'ms' },
    { key: 'p99Degraded', label: 'p99 while degraded', format: 'ms' },
    { key: 'worstP99', label: `worst p99 per bucket`, format: 'ms' },
    { key: 'amplification', label: 'load ×', format: 'x' },
  ],
  charts: [
    { kind: 'line', id: 'latency', title: 'User latency over time (p99 solid, p50 dashed)', series: ['p99', 'p50'], unit: 'ms', log: true },
    { kind: 'line', id: 'success', title: 'User success rate', series: ['success'], unit: '%' },
    { kind: 'line', id: 'breaker', title: 'Circuit breaker state (0 closed, 1 half-open, 2 open)', series: ['breaker'], unit: 'state', step: true },
    { kind: 'line', id: 'limit', title: 'Adaptive concurrency limit', series: ['limit'], unit: 'calls', step: true },
    { kind: 'bars', id: 'amplification', title: 'Load amplification over the run', metrics: [{ key: 'amplification', label: 'load ×' }], unit: '×' },
  ],
  targets: [],
  notes: [
    'Three replicas, round-robin, each with 32 workers at 100 req/s (scaled with the rate in smaller runs); service time log-normal with p50 4 ms and p99 12 ms. Replica 1 slows down linearly from minute 5 to 15 (p99 12 ms → 480 ms), then runs 300× slow (p50 1.2 s, past the 1 s timeout) until minute 20, then recovers.',
    'Latency percentiles are over successful requests; hung requests (still waiting at the end) are counted apart.',
    'Layered policy, outermost first: the limiter holds one permit for a call and all its retries (retries cannot multiply the concurrency, a shed call spends no retry budget); retry outside the timeout gives each attempt its own second; the breaker innermost counts every attempt, timed out or not, and an open breaker refuses an attempt without a retry. This is the order execute applies.',
    'Its errors are the limiter shedding: with one replica of three slow, a window of latencies mixes 4 ms calls with 1 s ones, and the AdaptiveLimiter (either algorithm) reads the mix as a queue of its own and lowers the limit below the concurrency the slow calls hold. It models one dependency that queues; a pool with one sick member is better served by timeouts and hedging. The breaker rightly stays closed: at most a third of attempts fail.',
    'Hedged: an attempt still unanswered after 50 ms is sent again (to the next replica). Its errors come from the retry budget: a third of the calls need a hedge while a replica is sick, the budget allows one per five successes, and the others time out after 1 s. A retry budget guards against storms, and so also caps how much of a partial failure retries can hide.',
  ],
  params: ({ size }) => ({ ...SIZES[size], replicas: 3, workers: Math.round(0.32 * SIZES[size].rate), p50: 4, p99: 12, climbFactor: 40, pastTimeoutFactor: 300, timeout: 1_000 }),
  phases: (p) => [
    { from: sec(CLIMB * p.minute), to: sec(PAST * p.minute), label: 'p99 climbs' },
    { from: sec(PAST * p.minute), to: sec(RECOVER * p.minute), label: 'past the timeout' },
  ],
  run: async (params, { simulate }) => {
    const m = params.minute;
    const sickFactor = piecewise([
      [CLIMB * m, 1],
      [PAST * m, params.climbFactor],
      [PAST * m, params.pastTimeoutFactor],
      [RECOVER * m, params.pastTimeoutFactor],
      [RECOVER * m, 1],
    ]);
    const sim = await simulate({
      duration: END * m,
      grace: 0,
      bucketMs: params.bucketMs,
      rate: params.rate,
      target: (clock, random) =>
        new SimCluster(
          Array.from(
            { length: params.replicas },
            (_, i) =>
              new SimDependency({
                clock,
                random,
                latency: logNormal(params.p50, params.p99),
                workers: params.workers,
                latencyFactor: i === 0 ? sickFactor : 1,
              }),
          ),
        ),
    });
    const r = sim.recording;
    const worst = Math.max(...r.p99.map((v) => v ?? 0));
    return {
      recording: r,
      metrics: {
        errors: r.sent === 0 ? null : (100 * r.failed) / r.sent,
        shed: r.sent === 0 ? null : (100 * (r.errors.ERR_SHED_LOAD ?? 0)) / r.sent,
        unfinished: r.unfinished,
        p99: r.latency.p99,
        p99Degraded: sim.recorder.latencyBetween(CLIMB * m, RECOVER * m).p99,
        worstP99: worst,
        amplification: amplificationBetween(r, 0, sec(END * m)),
        success: successBetween(r, 0, sec(END * m)),
      },
    };
  },
};
