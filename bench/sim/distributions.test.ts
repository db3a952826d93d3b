import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { constant, exponential, logNormal, longTail, normal, uniform, type Distribution } from './distributions.js';
import { percentile, sorted } from './percentiles.js';
import { deriveSeed, stream } from './random.js';

const sample = (d: Distribution, n = 50_000, seed = 1): Float64Array => {
  const random = stream(seed, 'dist');
  return sorted(Array.from({ length: n }, () => d(random)));
};

describe('distributions', () => {
  it('have the advertised shape', () => {
    expect(percentile(sample(normal(10, 2)), 0.5)).toBeCloseTo(10, 0);
    expect(percentile(sample(exponential(5)), 0.5)).toBeCloseTo(5 * Math.LN2, 0);
    const ln = sample(logNormal(4, 12));
    expect(percentile(ln, 0.5)).toBeCloseTo(4, 0);
    expect(percentile(ln, 0.99) / 12).toBeCloseTo(1, 1);
    expect(percentile(sample(uniform(2, 4)), 0.5)).toBeCloseTo(3, 1);
    expect(constant(7)(() => 0.5)).toBe(7);
  });

  it('longTail makes about `probability` of the draws `factor` times slower', () => {
    const s = sample(longTail(constant(10), 0.01, 20));
    const slow = s.filter((v) => v === 200).length / s.length;
    expect(slow).toBeGreaterThan(0.008);
    expect(slow).toBeLessThan(0.012);
  });

  it('never return a non-positive latency', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (a, b) => {
        let i = 0;
        const random = (): number => (i++ % 2 === 0 ? a : b);
        for (const d of [normal(1, 5), exponential(3), logNormal(1, 50)]) expect(d(random)).toBeGreaterThan(0);
      }),
    );
  });

  it('named streams are reproducible and independent of each other', () => {
    expect(deriveSeed(1, 'a')).toBe(deriveSeed(1, 'a'));
    expect(deriveSeed(1, 'a')).not.toBe(deriveSeed(1, 'b'));
    expect(deriveSeed(1, 'a')).not.toBe(deriveSeed(2, 'a'));
    const a = stream(3, 'x');
    const b = stream(3, 'x');
    expect([a(), a(), a()]).toEqual([b(), b(), b()]);
  });
});
