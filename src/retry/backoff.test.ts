import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../core/random.js';
import { constant, decorrelatedJitter, equalJitter, exponential, exponentialCeiling, fullJitter } from './backoff.js';

const attempts = fc.oneof(fc.integer({ min: 0, max: 64 }), fc.integer({ min: 0, max: 100_000 }));
const bounds = fc
  .tuple(fc.double({ min: 0, max: 10_000, noNaN: true }), fc.double({ min: 0, max: 1e9, noNaN: true }))
  .map(([base, extra]) => ({ base, max: base + extra }));

describe('backoffs (properties)', () => {
  it('full jitter stays in [0, min(max, base·2^attempt)] and is finite, even at attempt 100,000', () => {
    fc.assert(
      fc.property(bounds, attempts, fc.integer(), (b, attempt, seed) => {
        const d = fullJitter({ ...b, random: seededRandom(seed) }).delay(attempt, undefined);
        const ceiling = exponentialCeiling(b.base, b.max, attempt);
        expect(Number.isFinite(d)).toBe(true);
        expect(d).toBeGreaterThanOrEqual(0);
        expect(d).toBeLessThanOrEqual(ceiling);
      }),
      { numRuns: 2000 },
    );
  });

  it('equal jitter stays in [ceiling/2, ceiling]', () => {
    fc.assert(
      fc.property(bounds, attempts, fc.integer(), (b, attempt, seed) => {
        const d = equalJitter({ ...b, random: seededRandom(seed) }).delay(attempt, undefined);
        const ceiling = exponentialCeiling(b.base, b.max, attempt);
        expect(Number.isFinite(d)).toBe(true);
        expect(d).toBeGreaterThanOrEqual(ceiling / 2);
        expect(d).toBeLessThanOrEqual(ceiling);
      }),
    );
  });

  it('exponential grows by 2× until capped and never overflows', () => {
    fc.assert(
      fc.property(bounds, attempts, (b, attempt) => {
        const d = exponential(b).delay(attempt, undefined);
        expect(Number.isFinite(d)).toBe(true);
        expect(d).toBeLessThanOrEqual(b.max);
        expect(d).toBe(Math.min(b.max, b.base * 2 ** Math.min(attempt, 1023)));
      }),
    );
    expect(exponentialCeiling(0, 100, 10_000)).toBe(0);
    expect(exponentialCeiling(100, 30_000, 10_000)).toBe(30_000);
  });

  it('decorrelated jitter stays in [base, max] over a whole call and keeps state per call', () => {
    fc.assert(
      fc.property(bounds, fc.integer({ min: 1, max: 200 }), fc.integer(), (b, steps, seed) => {
        const shared = decorrelatedJitter({ ...b, random: seededRandom(seed) });
        const perCall = shared.forCall?.();
        expect(perCall).toBeDefined();
        for (let i = 0; i < steps; i++) {
          const d = perCall?.delay(i, undefined) ?? Number.NaN;
          expect(Number.isFinite(d)).toBe(true);
          expect(d).toBeGreaterThanOrEqual(Math.min(b.base, b.max));
          expect(d).toBeLessThanOrEqual(b.max);
        }
      }),
    );
  });

  it('full jitter with defaults gives windows of 100, 200, 400, 800 ms for the 4 retries of 5 attempts', () => {
    const top = fullJitter({ random: () => 0.999999 });
    expect([0, 1, 2, 3].map((a) => Math.round(top.delay(a, undefined)))).toEqual([100, 200, 400, 800]);
    expect(fullJitter({ random: () => 0 }).delay(3, undefined)).toBe(0);
  });

  it('constant waits the same every time', () => {
    expect([0, 5, 10_000].map((a) => constant(250).delay(a, undefined))).toEqual([250, 250, 250]);
  });

  it.each([
    [() => fullJitter({ base: -1 }), RangeError, 'fullJitter: base must be a non-negative finite number of milliseconds (got -1)'],
    [() => fullJitter({ base: 100, max: 50 }), RangeError, 'fullJitter: max must be at least base (100) (got 50)'],
    [() => equalJitter({ max: Number.NaN }), RangeError, 'equalJitter: max must be a non-negative finite number of milliseconds (got NaN)'],
    [() => decorrelatedJitter({ random: 5 as never }), TypeError, 'decorrelatedJitter: random must be a function (got 5)'],
    [() => exponential('fast' as never), TypeError, 'exponential: options must be an object (got "fast")'],
    [() => constant(-5), RangeError, 'constant: ms must be a non-negative finite number of milliseconds (got -5)'],
  ] as const)('validates: %#', (fn, type, message) => {
    expect(fn).toThrow(new type(message));
  });
});
