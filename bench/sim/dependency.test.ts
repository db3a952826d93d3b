import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../src/core/random.js';
import { SimClock } from './clock.js';
import { SimCluster } from './cluster.js';
import { constant } from './distributions.js';
import { DependencyError, SimDependency, type DependencyOptions } from './dependency.js';

function setup(o: Partial<DependencyOptions> = {}): { clock: SimClock; dep: SimDependency } {
  const clock = new SimClock();
  return { clock, dep: new SimDependency({ clock, random: seededRandom(1), latency: constant(10), ...o }) };
}

/** Settles `p` and reports when (virtual ms) and how. */
function track(clock: SimClock, p: Promise<void>): { at?: number; outcome?: string } {
  const r: { at?: number; outcome?: string } = {};
  p.then(
    () => {
      r.at = clock.now();
      r.outcome = 'ok';
    },
    (e: unknown) => {
      r.at = clock.now();
      r.outcome = e instanceof DependencyError ? e.kind : String(e);
    },
  );
  return r;
}

describe('SimDependency', () => {
  it('answers after the drawn latency with unlimited workers, and counts arrivals', async () => {
    const { clock, dep } = setup();
    const a = track(clock, dep.call());
    const b = track(clock, dep.call());
    await clock.run(Infinity);
    expect([a, b]).toEqual([
      { at: 10, outcome: 'ok' },
      { at: 10, outcome: 'ok' },
    ]);
    expect(dep.arrivals).toBe(2);
    expect(dep.stats).toMatchObject({ succeeded: 2, failed: 0, busy: 0, queued: 0 });
  });

  it('queues FIFO past its workers: latency grows with concurrency past the knee', async () => {
    const { clock, dep } = setup({ workers: 2 });
    const calls = Array.from({ length: 5 }, () => track(clock, dep.call()));
    expect(dep.stats).toMatchObject({ busy: 2, queued: 3 });
    await clock.run(Infinity);
    expect(calls.map((c) => c.at)).toEqual([10, 10, 20, 20, 30]);
  });

  it('fails fast with overloaded when its queue is full', async () => {
    const { clock, dep } = setup({ workers: 1, queueLimit: 1, failLatency: 2 });
    const calls = [track(clock, dep.call()), track(clock, dep.call()), track(clock, dep.call())];
    await clock.run(Infinity);
    expect(calls).toEqual([
      { at: 10, outcome: 'ok' },
      { at: 20, outcome: 'ok' },
      { at: 2, outcome: 'overloaded' },
    ]);
  });

  it('refuses calls during a refuse outage and answers normally after it', async () => {
    const { clock, dep } = setup({ outages: [{ from: 0, to: 100, mode: 'refuse' }] });
    const during = track(clock, dep.call());
    await clock.run(100);
    const after = track(clock, dep.call());
    await clock.run(Infinity);
    expect(during).toEqual({ at: 1, outcome: 'refused' });
    expect(after).toEqual({ at: 110, outcome: 'ok' });
  });

  it('never answers during a blackhole outage; only the caller abort ends the call', async () => {
    const { clock, dep } = setup({ outages: [{ from: 0, to: 100, mode: 'blackhole' }] });
    const controller = new AbortController();
    const call = track(clock, dep.call(controller.signal));
    await clock.run(500);
    expect(call.outcome).toBeUndefined();
    controller.abort('gave up');
    await clock.run(501);
    expect(call).toEqual({ at: 500, outcome: 'gave up' });
  });

  it('applies the latency factor and error rate of the moment the call is served', async () => {
    const { clock, dep } = setup({ latencyFactor: (t) => (t < 50 ? 1 : 3), errorRate: (t) => (t < 50 ? 0 : 1) });
    const early = track(clock, dep.call());
    await clock.run(50);
    const late = track(clock, dep.call());
    await clock.run(Infinity);
    expect(early).toEqual({ at: 10, outcome: 'ok' });
    expect(late).toEqual({ at: 80, outcome: 'error' });
  });

  it('serves an abandoned queued call by default (wasted work) and drops it with abandoned: drop', async () => {
    for (const abandoned of ['serve', 'drop'] as const) {
      const { clock, dep } = setup({ workers: 1, abandoned });
      expect(dep.needsSignal).toBe(abandoned === 'drop');
      const first = track(clock, dep.call());
      const controller = new AbortController();
      const gone = track(clock, dep.call(controller.signal));
      const third = track(clock, dep.call());
      controller.abort('bye');
      await clock.run(Infinity);
      expect(first).toEqual({ at: 10, outcome: 'ok' });
      expect(gone).toEqual({ at: 0, outcome: 'bye' });
      expect(third.at).toBe(abandoned === 'serve' ? 30 : 20);
      expect(dep.stats.wasted).toBe(abandoned === 'serve' ? 1 : 0);
    }
  });

  it('rejects at once when the signal is already aborted', async () => {
    const { clock, dep } = setup();
    const call = track(clock, dep.call(AbortSignal.abort('early')));
    await clock.run(Infinity);
    expect(call).toEqual({ at: 0, outcome: 'early' });
  });
});

describe('SimCluster', () => {
  it('sends requests to its replicas in turn and sums their arrivals', async () => {
    const clock = new SimClock();
    const fast = new SimDependency({ clock, random: seededRandom(1), latency: constant(1) });
    const slow = new SimDependency({ clock, random: seededRandom(2), latency: constant(100) });
    const cluster = new SimCluster([fast, slow]);
    const calls = Array.from({ length: 4 }, () => track(clock, cluster.call()));
    await clock.run(Infinity);
    expect(calls.map((c) => c.at)).toEqual([1, 100, 1, 100]);
    expect(cluster.arrivals).toBe(4);
    expect(cluster.needsSignal).toBe(false);
    expect(() => new SimCluster([])).toThrow(RangeError);
  });
});
