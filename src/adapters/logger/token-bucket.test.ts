import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TokenBucket } from './token-bucket.js';

describe('TokenBucket', () => {
  it('allows a burst, then refills at the rate', () => {
    const b = new TokenBucket(2, 3);
    expect([b.tryTake(0), b.tryTake(0), b.tryTake(0), b.tryTake(0)]).toEqual([true, true, true, false]);
    expect(b.tryTake(499)).toBe(false);
    expect(b.tryTake(500)).toBe(true);
    expect(b.tryTake(10_000)).toBe(true);
  });

  it('refills nothing when the clock goes backwards', () => {
    const b = new TokenBucket(1000, 1);
    expect(b.tryTake(100)).toBe(true);
    expect(b.tryTake(50)).toBe(false);
    expect(b.tryTake(100)).toBe(false);
    expect(b.tryTake(101)).toBe(true);
  });

  it('never admits more than burst + rate × elapsed over any run of takes', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.1, max: 1000, noNaN: true }),
        fc.integer({ min: 1, max: 100 }),
        fc.array(fc.double({ min: 0, max: 500, noNaN: true }), { maxLength: 300 }),
        (perSecond, burst, gaps) => {
          const b = new TokenBucket(perSecond, burst);
          let now = 0;
          let admitted = 0;
          for (const gap of gaps) {
            now += gap;
            if (b.tryTake(now)) admitted++;
          }
          expect(admitted).toBeLessThanOrEqual(burst + (perSecond * now) / 1000 + 1e-9);
        },
      ),
    );
  });

  it('admits every take spaced at least one refill apart', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.1, max: 1000, noNaN: true }), fc.integer({ min: 1, max: 50 }), (perSecond, n) => {
        const b = new TokenBucket(perSecond, 1);
        const step = 1000 / perSecond;
        for (let i = 0; i < n; i++) expect(b.tryTake(i * step * 1.000001)).toBe(true);
      }),
    );
  });
});
