import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDrop, addSample, isComplete, openWindow, summarize } from './window.js';

describe('sample window (pure)', () => {
  it('completes after windowMs and minSamples, and summarises like a brute-force count', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.double({ min: 0, max: 1000, noNaN: true }), fc.constant(-1)), { maxLength: 50 }), fc.array(fc.nat(100), { maxLength: 50 }), (rtts, inflight) => {
        let w = openWindow(0);
        rtts.forEach((rtt, i) => {
          const inFlight = inflight[i] ?? 1;
          w = rtt < 0 ? addDrop(w, inFlight) : addSample(w, rtt, inFlight);
        });
        const ok = rtts.filter((r) => r >= 0);
        const s = summarize(w);
        expect(s.samples).toBe(ok.length);
        expect(s.drops).toBe(rtts.length - ok.length);
        expect(s.minRtt).toBe(ok.length === 0 ? Infinity : Math.min(...ok));
        if (ok.length > 0) expect(s.avgRtt).toBeCloseTo(ok.reduce((a, b) => a + b, 0) / ok.length, 6);
        else expect(s.avgRtt).toBeNaN();
        expect(s.maxInFlight).toBe(Math.max(0, ...rtts.map((_, i) => inflight[i] ?? 1)));
        expect(isComplete(w, 99, { windowMs: 100, minSamples: 0 })).toBe(false);
        expect(isComplete(w, 100, { windowMs: 100, minSamples: rtts.length })).toBe(true);
        expect(isComplete(w, 100, { windowMs: 100, minSamples: rtts.length + 1 })).toBe(false);
      }),
    );
  });
});
