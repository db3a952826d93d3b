import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { percentile, sorted, summarize } from './percentiles.js';

describe('percentiles', () => {
  it('uses the nearest rank', () => {
    const s = sorted([5, 1, 4, 2, 3, 10, 9, 8, 7, 6]);
    expect([percentile(s, 0.5), percentile(s, 0.9), percentile(s, 0.99), percentile(s, 1)]).toEqual([5, 9, 10, 10]);
    expect(percentile(new Float64Array(), 0.5)).toBeNaN();
  });

  it('summarizes a sample', () => {
    const s = summarize(Array.from({ length: 1000 }, (_, i) => i + 1));
    expect(s).toEqual({ count: 1000, mean: 500.5, p50: 500, p90: 900, p95: 950, p99: 990, p999: 999, max: 1000 });
    expect(summarize([]).count).toBe(0);
  });

  it('returns a sample member that is monotone in q', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ noNaN: true, noDefaultInfinity: true }), { minLength: 1 }), fc.double({ min: 0.001, max: 1, noNaN: true }), fc.double({ min: 0.001, max: 1, noNaN: true }), (values, q1, q2) => {
        const s = sorted(values);
        const [lo, hi] = q1 <= q2 ? [q1, q2] : [q2, q1];
        expect(values).toContain(percentile(s, lo));
        expect(percentile(s, lo)).toBeLessThanOrEqual(percentile(s, hi));
      }),
    );
  });
});
