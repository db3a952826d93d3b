import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fullBucket, isFull, refill, take, waitFor, type BucketConfig, type BucketState } from './token-bucket.js';

const cfg: BucketConfig = { limit: 10, interval: 1000, burst: 5 };

describe('token bucket (pure, synthetic time)', () => {
  it('starts full and refills continuously, capped at burst', () => {
    const s0 = fullBucket(cfg, 0);
    expect(s0).toEqual({ tokens: 5, updatedAt: 0 });
    const empty: BucketState = { tokens: 0, updatedAt: 0 };
    expect(refill(cfg, empty, 250).tokens).toBeCloseTo(2.5, 12);
    expect(refill(cfg, empty, 10_000).tokens).toBe(5);
  });

  it('ignores a clock that went backwards', () => {
    const s: BucketState = { tokens: 1, updatedAt: 100 };
    expect(refill(cfg, s, 50)).toBe(s);
  });

  it('grants while tokens last and then gives the exact wait', () => {
    let s = fullBucket(cfg, 0);
    for (let i = 0; i < 5; i++) {
      const r = take(cfg, s, 0, 1);
      expect(r.allowed).toBe(true);
      s = r.state;
    }
    const refused = take(cfg, s, 0, 1);
    expect(refused).toMatchObject({ allowed: false, retryAfter: 100 });
    const later = take(cfg, refused.state, 40, 2);
    expect(later.allowed).toBe(false);
    expect(later.retryAfter).toBeCloseTo(160, 9);
    expect(take(cfg, later.state, 40 + later.retryAfter, 2).allowed).toBe(true);
  });

  it('never grants more than burst at once', () => {
    expect(take(cfg, fullBucket(cfg, 0), 0, 6)).toMatchObject({ allowed: false, retryAfter: Infinity });
    expect(waitFor(cfg, 5, 6)).toBe(Infinity);
  });

  it('knows when a bucket is full', () => {
    expect(isFull(cfg, { tokens: 4, updatedAt: 0 }, 99)).toBe(false);
    expect(isFull(cfg, { tokens: 4, updatedAt: 0 }, 100)).toBe(true);
  });

  it('never goes below zero nor above burst, and retryAfter is always enough (property)', () => {
    const config = fc.record({
      limit: fc.integer({ min: 1, max: 10_000 }),
      interval: fc.double({ min: 0.001, max: 100_000, noNaN: true }),
      burst: fc.integer({ min: 1, max: 10_000 }),
    });
    const request = fc.record({ dt: fc.double({ min: -50, max: 5_000, noNaN: true }), n: fc.integer({ min: 1, max: 10_000 }) });
    fc.assert(
      fc.property(config, fc.array(request, { maxLength: 100 }), (c, requests) => {
        let now = 1_700_000_000_000;
        let s = fullBucket(c, now);
        for (const { dt, n } of requests) {
          now += dt;
          const r = take(c, s, now, n);
          expect(r.state.tokens).toBeGreaterThanOrEqual(0);
          expect(r.state.tokens).toBeLessThanOrEqual(c.burst);
          if (n > c.burst) expect(r.allowed).toBe(false);
          if (!r.allowed && Number.isFinite(r.retryAfter)) {
            expect(r.retryAfter).toBeGreaterThan(0);
            // Waiting exactly retryAfter is enough; a bit less is not.
            expect(take(c, r.state, r.state.updatedAt + r.retryAfter, n).allowed).toBe(true);
            if (r.retryAfter > 2) expect(take(c, r.state, r.state.updatedAt + r.retryAfter * 0.999, n).allowed).toBe(false);
          }
          s = r.state;
        }
      }),
      { numRuns: 500 },
    );
  });

  it('admits at most burst + rate × elapsed tokens over any run (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100 }), fc.integer({ min: 1, max: 50 }), fc.array(fc.nat(200), { maxLength: 300 }), (limit, burst, gaps) => {
        const c = { limit, interval: 1000, burst };
        let now = 0;
        let s = fullBucket(c, now);
        let granted = 0;
        for (const gap of gaps) {
          now += gap;
          const r = take(c, s, now, 1);
          if (r.allowed) granted++;
          s = r.state;
        }
        expect(granted).toBeLessThanOrEqual(burst + (limit * now) / 1000 + 1e-6);
      }),
    );
  });
});
