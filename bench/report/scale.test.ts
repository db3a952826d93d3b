import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { linearScale, logScale, niceTicks, tickLabel } from './scale.js';

describe('scales', () => {
  it('niceTicks picks 1/2/5 steps', () => {
    expect(niceTicks(0, 100, 5)).toEqual([0, 20, 40, 60, 80, 100]);
    expect(niceTicks(0, 1, 4)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceTicks(3, 3)).toEqual([3]);
  });

  it('linearScale widens its domain to round ticks and maps it onto the range', () => {
    const s = linearScale(0, 93, [200, 0]);
    expect(s.domain).toEqual([0, 100]);
    expect(s(0)).toBe(200);
    expect(s(100)).toBe(0);
    expect(s(50)).toBe(100);
    expect(linearScale(5, 5, [0, 1]).domain[1]).toBeGreaterThan(5);
  });

  it('linear ticks always cover the data', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.double({ min: 1e-3, max: 1e6, noNaN: true }), (lo, span) => {
        const s = linearScale(lo, lo + span, [0, 100]);
        expect(s.domain[0]).toBeLessThanOrEqual(lo);
        expect(s.domain[1]).toBeGreaterThanOrEqual(lo + span);
        expect(s.ticks.length).toBeGreaterThanOrEqual(2);
        expect(s.ticks.length).toBeLessThanOrEqual(16);
      }),
    );
  });

  it('logScale spans whole decades, with 1-2-5 ticks over few decades', () => {
    const s = logScale(12, 480, [100, 0]);
    expect(s.domain).toEqual([10, 1000]);
    expect(s.ticks).toEqual([10, 20, 50, 100, 200, 500, 1000]);
    expect(s(10)).toBe(100);
    expect(s(1000)).toBe(0);
    expect(s(100)).toBeCloseTo(50, 9);
    expect(logScale(0.5, 20_000, [1, 0]).ticks).toEqual([0.1, 1, 10, 100, 1000, 10000, 100000]);
  });

  it('tickLabel is short', () => {
    expect([tickLabel(1500), tickLabel(250), tickLabel(0.02), tickLabel(2_000_000)]).toEqual(['1.5k', '250', '0.02', '2M']);
  });
});
