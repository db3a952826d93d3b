// Adaptive concurrency: a server with a true knee (a fixed number of workers, a FIFO queue
// behind them) under an open-loop load 1.5× its capacity, with a latency spike in the middle.
// A concurrency limit at the knee gives full throughput without queueing; below it wastes
// capacity, above it adds queueing delay. Static caps at 0.5×/1×/2× the knee and the Go
// original's rule show the landscape that an adaptive limiter must find its way through.
//
import { AdaptiveLimiter, execute } from '../../../src/index.js';
import type { Action } from '../../../src/core/context.js';
import { normal } from '../../sim/distributions.js';
import { SimDependency } from '../../sim/dependency.js';
import { piecewise } from '../../sim/schedule.js';
import { GoLimiter } from '../baselines/go-limiter.js';
import { StaticCap } from '../baselines/static-cap.js';
import type { ScenarioDef, TargetDecl } from '../define.js';
import { sumBetween } from '../result.js';
import type { Variant, VariantEnv } from '../scenario.js';
import { bySize, sec } from './common.js';
import { heldWithin } from './settle.js';

/** Parameters of the adaptive-concurrency world (times in ms). */
export interface AdaptiveParams {
  readonly [key: string]: number;
  /** Workers of the server: the concurrency at which queueing starts. */
  readonly knee: number;
  readonly serviceMs: number;
  /** Offered load, requests per second (1.5× capacity). */
  readonly rate: number;
  readonly duration: number;
  readonly spikeFrom: number;
  readonly spikeTo: number;
  /** Service times are multiplied by this during the spike. */
  readonly spikeFactor: number;
  readonly bucketMs: number;
}

const SIZES = bySize({
  full: { knee: 20, duration: 120_000, spikeFrom: 60_000, spikeTo: 75_000 },
  quick: { knee: 10, duration: 60_000, spikeFrom: 40_000, spikeTo: 48_000 },
  smoke: { knee: 10, duration: 16_000, spikeFrom: 8_000, spikeTo: 10_000 },
});
const SERVICE_MS = 40;

/** ±20% of the knee: the band a limit must settle in. */
const BAND = 0.2;
/** How long a limit must stay in the band to count as converged (s). */
const HOLD = 10;

const passThrough = (id: string, label: string, description: string): Variant<AdaptiveParams> => ({
  id,
  label,
  description,
  build: ({ clock, random }) => ({ send: (call) => execute(call, { clock, random, maxAttempts: 1 }) }),
});

const staticCap = (factor: number): Variant<AdaptiveParams> => ({
  id: `static-${String(factor).replace('.', '_')}x`,
  label: `static cap ${String(factor)}× knee`,
  description: `A fixed concurrency cap of ${String(factor)}× the knee that rejects calls beyond it at once (a bulkhead without queue).`,
  build: ({ clock, random, params }) => {
    const cap = new StaticCap(Math.max(1, Math.round(factor * params.knee)));
    return {
      send: (call) => cap.run(() => execute(call, { clock, random, maxAttempts: 1 })),
      gauges: { limit: () => cap.limit, inFlight: () => cap.inFlight },
    };
  },
});

/**
 * The goal for an adaptive limiter, for the variant `id`: its limit settles within ±20%
 * of the knee in ≤ 30 s simulated. Push one into {@link adaptiveTargets} per limiter variant.
 */
export function kneeTarget(id: string): TargetDecl {
  return {
    label: `limit within ±${String(BAND * 100)}% of the knee in ≤ 30 s`,
    variant: id,
    check: (m) => {
      const t = m.convergence ?? null;
      return { measured: t === null ? 'never settled in band' : `settled after ${t.toFixed(1)} s`, met: t !== null && t <= 30 };
    },
  };
}

/** Goals checked after the run (none for the baselines). */
export const adaptiveTargets: TargetDecl[] = [kneeTarget('vegas'), kneeTarget('gradient2')];

/** The compared policies; the first is the baseline. */
export const adaptiveVariants: Variant<AdaptiveParams>[] = [
  passThrough('no-limit', 'no limit', 'Every call goes to the server and waits in its queue.'),
  staticCap(0.5),
  staticCap(1),
  staticCap(2),
  ...(['vegas', 'gradient2'] as const).map((algorithm) => ({
    id: algorithm,
    label: `AdaptiveLimiter ${algorithm}`,
    description: `resile's AdaptiveLimiter with the ${algorithm} algorithm and default settings.`,
    build: ({ clock, random }: VariantEnv<AdaptiveParams>) => {
      const limiter = new AdaptiveLimiter({ clock, algorithm });
      return {
        send: (call: Action<void>) => execute(call, { clock, random, maxAttempts: 1, adaptiveLimiter: limiter }),
        gauges: { limit: () => limiter.limit, inFlight: () => limiter.inFlight },
      };
    },
  })),
  {
    id: 'go-rule',
    label: 'Go original rule',
    description: 'The Go original limiter: +1 on every sample whose RTT EWMA is under 1.5× the lowest RTT, ×0.8 on every other sample, no ceiling.',
    build: ({ clock, random }) => {
      const limiter = new GoLimiter(clock);
      return {
        send: (call) => limiter.run(() => execute(call, { clock, random, maxAttempts: 1 })),
        gauges: { limit: () => limiter.limit, inFlight: () => limiter.inFlight },
      };
    },
  },
];

/** The adaptive-concurrency scenario: static caps, the Go rule and (later) AdaptiveLimiter around a server with a knee. */
export const adaptiveConcurrency: ScenarioDef<AdaptiveParams> = {
  id: 'adaptive-concurrency',
  title: 'Adaptive concurrency',
  question: 'Load 1.5× what a server can take: which concurrency limit keeps throughput at capacity without queueing, and how fast does it settle and recover after a latency spike?',
  variants: adaptiveVariants,
  columns: [
    { key: 'throughput', label: 'throughput', format: 'rps' },
    { key: 'p99', label: 'p99', format: 'ms' },
    { key: 'shed', label: 'rejected', format: 'pct' },
    { key: 'limitMean', label: 'mean limit ÷ knee', format: 'num' },
    { key: 'convergence', label: `in ±${String(BAND * 100)}% of knee after`, format: 's' },
    { key: 'recovery', label: 'limit back after spike', format: 's' },
  ],
  charts: [
    { kind: 'line', id: 'limit', title: 'Concurrency limit', series: ['limit'], unit: 'calls', step: true },
    { kind: 'line', id: 'latency', title: 'Latency over time (p99 solid, p50 dashed)', series: ['p99', 'p50'], unit: 'ms', log: true },
    { kind: 'bars', id: 'throughput', title: 'Throughput in steady state', metrics: [{ key: 'throughput', label: 'successes/s' }], unit: 'req/s' },
  ],
  targets: adaptiveTargets,
  notes: [
    `Server: a fixed number of workers (the knee), service time normal(${String(SERVICE_MS)} ms, sd 4 ms), unbounded FIFO queue; capacity = knee ÷ ${String(SERVICE_MS)} ms. Offered load: 1.5× capacity, open-loop. During the spike service times triple (the knee in concurrency stays where it is).`,
    `Throughput and p99 are measured over the steady window from 30 s to the spike. Convergence: first time the limit stays within ±${String(BAND * 100)}% of the knee for ${String(HOLD)} s; limit back: seconds after the spike until the limit stays within ±${String(BAND * 100)}% of its own steady-window mean for 5 s (0 for a limit that never moved).`,
    "The AdaptiveLimiter variants use the defaults (initial limit 20: the knee at full size, twice the knee at quick size). Vegas keeps 3 to 6 × log10(limit) calls queued on purpose, so that a gap between arrivals never idles a worker (Netflix's VegasLimit band): at a knee of 20 that is 4 to 8 calls, 20 to 40% above the knee, which puts its limit just outside the ±20% band while it delivers full throughput. Gradient2 accepts an RTT up to 1.5× its long-term average, and that average slowly learns the queue the limit causes, so its limit keeps climbing under a sustained overload.",
  ],
  params: ({ size }) => {
    const s = SIZES[size];
    return { ...s, serviceMs: SERVICE_MS, rate: (1.5 * s.knee * 1000) / SERVICE_MS, spikeFactor: 3, bucketMs: 500 };
  },
  phases: (p) => [{ from: sec(p.spikeFrom), to: sec(p.spikeTo), label: 'latency ×3' }],
  run: async (params, { simulate }) => {
    const sim = await simulate({
      duration: params.duration,
      grace: 5_000,
      bucketMs: params.bucketMs,
      rate: params.rate,
      target: (clock, random) =>
        new SimDependency({
          clock,
          random,
          latency: normal(params.serviceMs, params.serviceMs / 10),
          workers: params.knee,
          latencyFactor: piecewise(
            [
              [params.spikeFrom, 1],
              [params.spikeFrom, params.spikeFactor],
              [params.spikeTo, params.spikeFactor],
              [params.spikeTo, 1],
            ],
            'step',
          ),
        }),
    });
    const r = sim.recording;
    const steadyFrom = Math.min(30, sec(params.spikeFrom) / 2);
    const steadyTo = sec(params.spikeFrom);
    const limit = r.gauges.limit;
    const lo = params.knee * (1 - BAND);
    const hi = params.knee * (1 + BAND);
    const meanLimit = limit === undefined ? null : sumBetween(r.times, limit, steadyFrom, steadyTo) / ((steadyTo - steadyFrom) / sec(params.bucketMs));
    const spikeEnd = sec(params.spikeTo);
    return {
      recording: r,
      metrics: {
        throughput: sumBetween(r.times, r.successes, steadyFrom, steadyTo) / (steadyTo - steadyFrom),
        p99: sim.recorder.latencyBetween(steadyFrom * 1000, steadyTo * 1000).p99,
        shed: r.sent === 0 ? null : (100 * r.failed) / r.sent,
        limitMean: meanLimit === null ? null : meanLimit / params.knee,
        convergence: limit === undefined ? null : heldWithin(r.times, limit, lo, hi, 0, steadyTo, HOLD),
        recovery:
          limit === undefined || meanLimit === null ? null : heldWithin(r.times, limit, meanLimit * (1 - BAND), meanLimit * (1 + BAND), spikeEnd, Infinity, 5),
      },
    };
  },
};
