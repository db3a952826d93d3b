import { describe, expect, it } from 'vitest';
import { ShedLoadError } from '../../src/core/errors/shed-load-error.js';
import { SimClock } from './clock.js';
import { DependencyError } from './dependency.js';
import { errorLabel, Recorder } from './recorder.js';

describe('Recorder', () => {
  it('buckets arrivals, outcomes and latencies, and samples gauges and counters', async () => {
    const clock = new SimClock();
    const rec = new Recorder({ clock, bucketMs: 100, duration: 300 });
    let level = 7;
    let count = 0;
    rec.gauge('limit', () => level);
    rec.gauge('load', () => count, 'counter');
    rec.startSampling();
    clock.setTimer(10, () => {
      const a = rec.begin('critical');
      const b = rec.begin('low');
      count += 3;
      clock.setTimer(20, () => {
        a.succeed();
        a.fail(new Error('ignored: already ended'));
      });
      clock.setTimer(150, () => {
        b.fail(new DependencyError('refused'));
      });
    });
    clock.setTimer(250, () => {
      level = 9;
      rec.begin();
    });
    await clock.run(1_000);
    const r = rec.finish();
    expect(r.times).toEqual([0, 0.1, 0.2]);
    expect(r).toMatchObject({ sent: 3, succeeded: 1, failed: 1, unfinished: 1, errors: { refused: 1 } });
    expect(r.arrivals).toEqual([2, 0, 1]);
    expect(r.successes).toEqual([1, 0, 0]);
    expect(r.failures).toEqual([0, 1, 0]);
    expect(r.p99).toEqual([20, null, null]);
    expect(r.gauges.limit).toEqual([7, 7, 9]);
    expect(r.counters.load).toEqual([3, 0, 0]);
    expect(r.classes).toEqual({ critical: { sent: 1, succeeded: 1, failed: 0 }, low: { sent: 1, succeeded: 0, failed: 1 }, all: { sent: 1, succeeded: 0, failed: 0 } });
    expect(r.classFailures.low).toEqual([0, 1, 0]);
    expect(r.latency.p50).toBe(20);
    expect(rec.latencyBetween(100, 300).count).toBe(0);
    expect(rec.latencyBetween(0, 100).count).toBe(1);
  });

  it('labels errors by kind or code', () => {
    expect(errorLabel(new DependencyError('overloaded'))).toBe('overloaded');
    expect(errorLabel(new ShedLoadError())).toBe('ERR_SHED_LOAD');
    expect(errorLabel(new TypeError('x'))).toBe('TypeError');
    expect(errorLabel('boom')).toBe('string');
  });
});
