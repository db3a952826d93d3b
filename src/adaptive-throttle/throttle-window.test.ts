import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeThrottle } from './options.js';
import { countAccept, countRequest, createThrottleState, currentRejection, rejectionProbability, throttleCounts } from './throttle-window.js';

const T0 = 1_700_000_000_000;

describe('adaptive throttle arithmetic (pure, synthetic time)', () => {
  it('follows the SRE formula', () => {
    expect(rejectionProbability(0, 0, 2)).toBe(0);
    expect(rejectionProbability(100, 50, 2)).toBe(0);
    expect(rejectionProbability(100, 40, 2)).toBeCloseTo(20 / 101, 12);
    expect(rejectionProbability(100, 0, 2)).toBeCloseTo(100 / 101, 12);
    expect(rejectionProbability(100, 60, 1.5)).toBeCloseTo(10 / 101, 12);
  });

  it('is a probability below 1, and zero while requests ≤ k·accepts', () => {
    fc.assert(
      fc.property(fc.nat(100_000), fc.nat(100_000), fc.double({ min: 1, max: 10, noNaN: true }), (requests, rawAccepts, k) => {
        const accepts = Math.min(rawAccepts, requests);
        const p = rejectionProbability(requests, accepts, k);
        expect(p).toBeGreaterThanOrEqual(0);
        expect(p).toBeLessThan(1);
        if (requests <= k * accepts) expect(p).toBe(0);
      }),
    );
  });

  it('rejects nothing below minimumRequests, then applies the formula to the window', () => {
    const config = normalizeThrottle({ minimumRequests: 10 });
    const s = createThrottleState(config);
    for (let i = 0; i < 9; i++) countRequest(s, T0);
    expect(currentRejection(s, T0, config)).toBe(0);
    countRequest(s, T0);
    expect(currentRejection(s, T0, config)).toBeCloseTo(10 / 11, 12);
    for (let i = 0; i < 4; i++) countAccept(s, T0);
    expect(currentRejection(s, T0, config)).toBeCloseTo(2 / 11, 12);
  });

  it('forgets counts older than the window, so a recovered backend is trusted again', () => {
    const config = normalizeThrottle({ window: 10_000, minimumRequests: 0 });
    const s = createThrottleState(config);
    for (let i = 0; i < 50; i++) countRequest(s, T0);
    expect(currentRejection(s, T0 + 9_999, config)).toBeGreaterThan(0.9);
    expect(currentRejection(s, T0 + 10_000, config)).toBe(0);
    expect(throttleCounts(s, T0 + 10_000)).toEqual({ requests: 0, accepts: 0 });
  });
});
