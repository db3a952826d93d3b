// A deterministic discrete-event simulation of a client protected by an AdaptiveLimiter calling a
// server with a knee: `workers` requests are served at once, each taking `service(t)` ms (±20 %
// seeded jitter); beyond that requests queue (FIFO), so latency climbs with concurrency. Open-loop
// Poisson arrivals at `rate(t)` per second; the client gives up after `timeout` ms (the server
// still does the work). Time is simulated: the result is exact and repeatable.
import { AdaptiveLimiter, type AdaptiveLimiterOptions } from '../../src/adaptive/index.js';
import type { AdaptivePermit } from '../../src/adaptive/permit.js';
import type { Clock } from '../../src/core/clock.js';
import { seededRandom } from '../../src/core/random.js';

/** One scenario. */
export interface KneeScenario {
  name: string;
  durationMs: number;
  workers: number;
  /** Service time in ms at simulated time `t`. */
  service: (t: number) => number;
  /** Offered load in requests per second at `t`. */
  rate: (t: number) => number;
  timeout: number;
  /** Phases to report separately, as [label, from, to] in ms. */
  phases: [string, number, number][];
  seed?: number;
}

/** Measured numbers of one phase. */
export interface PhaseResult {
  phase: string;
  /** Successful responses per second. */
  goodput: number;
  /** Share of arrivals rejected by the limiter. */
  rejected: number;
  /** Share of admitted calls that timed out. */
  timedOut: number;
  p50: number;
  p99: number;
  meanLimit: number;
  minLimit: number;
  maxLimit: number;
}

class Heap<T> {
  private items: { at: number; seq: number; value: T }[] = [];
  private seq = 0;
  get size(): number {
    return this.items.length;
  }
  push(at: number, value: T): void {
    const items = this.items;
    items.push({ at, seq: this.seq++, value });
    let i = items.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (this.less(items[p]!, items[i]!)) break;
      [items[p], items[i]] = [items[i]!, items[p]!];
      i = p;
    }
  }
  pop(): { at: number; value: T } | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (top === undefined || last === undefined || items.length === 0) return top;
    items[0] = last;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < items.length && this.less(items[l]!, items[m]!)) m = l;
      if (r < items.length && this.less(items[r]!, items[m]!)) m = r;
      if (m === i) break;
      [items[m], items[i]] = [items[i]!, items[m]!];
      i = m;
    }
    return top;
  }
  private less(a: { at: number; seq: number }, b: { at: number; seq: number }): boolean {
    return a.at < b.at || (a.at === b.at && a.seq < b.seq);
  }
}

interface Request {
  arrivedAt: number;
  permit: AdaptivePermit;
  done: boolean;
}

type Event = { kind: 'arrival' } | { kind: 'complete'; req: Request } | { kind: 'timeout'; req: Request } | { kind: 'probe' };

function percentile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

/** Runs `scenario` against a limiter built with `options`; returns one result per phase. */
export function simulateKnee(scenario: KneeScenario, options: AdaptiveLimiterOptions): PhaseResult[] {
  let now = 0;
  const clock: Clock = {
    now: () => now,
    setTimer: () => {
      throw new Error('the limiter must not need timers');
    },
  };
  const random = seededRandom(scenario.seed ?? 7);
  const limiter = new AdaptiveLimiter({ ...options, clock });
  const events = new Heap<Event>();
  const queue: Request[] = [];
  let busy = 0;
  const stats = scenario.phases.map(() => ({ ok: 0, arrivals: 0, rejected: 0, admitted: 0, timedOut: 0, rtts: [] as number[], limits: [] as number[] }));
  const phaseOf = (t: number): number => scenario.phases.findIndex(([, from, to]) => t >= from && t < to);
  const startService = (req: Request): void => {
    busy++;
    const service = scenario.service(now) * (0.8 + 0.4 * random());
    events.push(now + service, { kind: 'complete', req });
  };
  events.push(0, { kind: 'arrival' });
  events.push(0, { kind: 'probe' });
  while (events.size > 0) {
    const e = events.pop()!;
    now = e.at;
    if (now > scenario.durationMs) break;
    const ev = e.value;
    const s = stats[phaseOf(now)];
    if (ev.kind === 'probe') {
      s?.limits.push(limiter.limit);
      events.push(now + 100, { kind: 'probe' });
    } else if (ev.kind === 'arrival') {
      events.push(now + (-Math.log(1 - random()) * 1000) / scenario.rate(now), { kind: 'arrival' });
      if (s !== undefined) s.arrivals++;
      const permit = limiter.tryAcquire();
      if (permit === undefined) {
        if (s !== undefined) s.rejected++;
        continue;
      }
      if (s !== undefined) s.admitted++;
      const req: Request = { arrivedAt: now, permit, done: false };
      events.push(now + scenario.timeout, { kind: 'timeout', req });
      if (busy < scenario.workers) startService(req);
      else queue.push(req);
    } else if (ev.kind === 'complete') {
      busy--;
      const next = queue.shift();
      if (next !== undefined) startService(next);
      if (ev.req.done) continue;
      ev.req.done = true;
      ev.req.permit.success();
      const p = stats[phaseOf(ev.req.arrivedAt)];
      if (p !== undefined) {
        p.ok++;
        p.rtts.push(now - ev.req.arrivedAt);
      }
    } else if (!ev.req.done) {
      ev.req.done = true;
      ev.req.permit.dropped();
      const p = stats[phaseOf(ev.req.arrivedAt)];
      if (p !== undefined) p.timedOut++;
    }
  }
  return scenario.phases.map(([phase, from, to], i) => {
    const s = stats[i]!;
    const rtts = s.rtts.sort((a, b) => a - b);
    return {
      phase,
      goodput: (s.ok * 1000) / (to - from),
      rejected: s.arrivals === 0 ? 0 : s.rejected / s.arrivals,
      timedOut: s.admitted === 0 ? 0 : s.timedOut / s.admitted,
      p50: percentile(rtts, 0.5),
      p99: percentile(rtts, 0.99),
      meanLimit: s.limits.reduce((a, b) => a + b, 0) / Math.max(1, s.limits.length),
      minLimit: Math.min(...s.limits),
      maxLimit: Math.max(...s.limits),
    };
  });
}

const step = (at: number, before: number, after: number) => (t: number) => (t < at ? before : after);

/** The scenarios behind the choice of the default algorithm (see docs/adaptive-limiter.md). */
export const scenarios: KneeScenario[] = [
  {
    // 40 workers × 20 ms = 2000 req/s of capacity, offered 3000 req/s.
    name: 'steady overload (1.5× capacity)',
    durationMs: 60_000,
    workers: 40,
    service: () => 20,
    rate: () => 3000,
    timeout: 1000,
    phases: [['after 10 s', 10_000, 60_000]],
  },
  {
    name: 'half load',
    durationMs: 40_000,
    workers: 40,
    service: () => 20,
    rate: () => 1000,
    timeout: 1000,
    phases: [['after 10 s', 10_000, 40_000]],
  },
  {
    // Latency degrades: service time triples for 20 s (capacity 2000 → 667 req/s), then recovers.
    name: 'latency degrades 20→60 ms and recovers',
    durationMs: 60_000,
    workers: 40,
    service: (t) => (t >= 20_000 && t < 40_000 ? 60 : 20),
    rate: () => 1500,
    timeout: 1000,
    phases: [
      ['before', 10_000, 20_000],
      ['degraded', 20_000, 40_000],
      ['recovered', 40_000, 60_000],
    ],
  },
  {
    name: 'permanently slower 20→40 ms',
    durationMs: 80_000,
    workers: 40,
    service: step(20_000, 20, 40),
    rate: () => 1500,
    timeout: 1000,
    phases: [
      ['first 20 s after', 20_000, 40_000],
      ['last 20 s', 60_000, 80_000],
    ],
  },
  {
    name: 'permanently faster 20→10 ms',
    durationMs: 60_000,
    workers: 40,
    service: step(20_000, 20, 10),
    rate: () => 3000,
    timeout: 1000,
    phases: [
      ['before', 10_000, 20_000],
      ['after', 30_000, 60_000],
    ],
  },
];
