import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { WindowSummary } from './algorithm.js';
import { gradient2 } from './gradient2.js';
import { vegas, type VegasState } from './vegas.js';

const win = (avgRtt: number, extra: Partial<WindowSummary> = {}): WindowSummary => ({
  samples: 20,
  avgRtt,
  minRtt: avgRtt,
  maxInFlight: 20,
  drops: 0,
  ...extra,
});

describe('vegas (pure)', () => {
  const v = vegas();
  it('learns the baseline from the first window without moving the limit', () => {
    const r = v.update(v.initial(), win(10), 20);
    // Measured with the limit in use: the RTT may hold a queue of ours, so a probe is due at once.
    expect(r).toEqual({ state: { baseline: 10, cut: undefined, sinceProbe: 100 }, limit: 20 });
    expect(v.update(v.initial(), win(10, { maxInFlight: 5 }), 20).state.sinceProbe).toBe(0);
  });

  it('grows fast with no queue, slowly with a small one, holds inside the band, shrinks above it', () => {
    const s: VegasState = { baseline: 10, cut: undefined, sinceProbe: 0 };
    const lg = Math.log10(100);
    const v0 = vegas({ baselineDrift: 0 });
    expect(v0.update(s, win(10), 100).limit).toBeCloseTo(100 + 6 * lg, 9); // queue 0
    expect(v0.update(s, win(10 / (1 - 4 / 100)), 100).limit).toBeCloseTo(100 + lg, 9); // queue 4 < alpha·lg = 6
    expect(v0.update(s, win(10 / (1 - 8 / 100)), 100).limit).toBeCloseTo(100, 9); // queue 8 in [6, 12]
    expect(v0.update(s, win(10 / (1 - 30 / 100)), 100).limit).toBeCloseTo(100 - (30 - 12), 9); // back to the band's top
    expect(v0.update(s, win(40), 100).limit).toBe(50); // never more than halved per window
  });

  it('backs off multiplicatively on drops and ignores empty windows', () => {
    const s: VegasState = { baseline: 10, cut: undefined, sinceProbe: 0 };
    expect(v.update(s, win(10, { drops: 1 }), 100).limit).toBeCloseTo(90, 9);
    expect(v.update(s, { samples: 0, avgRtt: NaN, minRtt: Infinity, maxInFlight: 3, drops: 0 }, 100)).toEqual({ state: s, limit: 100 });
  });

  it('follows a faster dependency at once, drifts toward a slower one only while the limit is not used', () => {
    const s: VegasState = { baseline: 10, cut: undefined, sinceProbe: 0 };
    expect(v.update(s, win(5, { maxInFlight: 5 }), 20).state.baseline).toBe(5);
    expect(v.update(s, win(11, { maxInFlight: 9 }), 20).state.baseline).toBeCloseTo(10.01, 9);
    // A window that used the limit: its RTT may be our own queue, never learned by drifting.
    expect(v.update(s, win(11, { maxInFlight: 10 }), 20).state.baseline).toBe(10);
  });

  it('re-learns at once when a cut took effect and the RTT did not fall with the calls in flight', () => {
    const s: VegasState = { baseline: 10, cut: undefined, sinceProbe: 0 };
    const cut = v.update(s, win(20, { maxInFlight: 100 }), 100);
    // queue = 100 × (1 − 10/20) = 50 → back to the band's top (12).
    expect(cut.limit).toBeCloseTo(62, 9);
    expect(cut.state.cut).toEqual({ rtt: 20, inFlight: 100, probe: false, waited: 0 });
    // Calls started before the cut still finish: no verdict until the calls in flight fell.
    const waiting = v.update(cut.state, win(20, { maxInFlight: 95 }), cut.limit);
    expect(waiting.state.cut?.waited).toBe(1);
    expect(waiting.state.baseline).toBe(10);
    const after = v.update(waiting.state, win(20, { maxInFlight: 62 }), waiting.limit);
    expect(after.state.baseline).toBe(20);
    expect(after.state.cut).toBeUndefined();
  });

  it('validates its knobs', () => {
    expect(() => vegas({ alpha: 0 })).toThrow(new RangeError('vegas: alpha must be a positive number (got 0)'));
    expect(() => vegas({ alpha: 5, beta: 4 })).toThrow(new RangeError('vegas: beta must be a number of at least alpha (5) (got 4)'));
    expect(() => vegas({ baselineDrift: 2 })).toThrow(new RangeError('vegas: baselineDrift must be a number between 0 and 1 (got 2)'));
    expect(() => vegas({ backoffRatio: 0.2 })).toThrow(new RangeError('vegas: backoffRatio must be a number between 0.5 and 1 (got 0.2)'));
    expect(() => vegas('x' as never)).toThrow(new TypeError('vegas: options must be an object (got "x")'));
  });
});

describe('gradient2 (pure)', () => {
  const g = gradient2({ smoothing: 1 });
  it('learns the long-term RTT first, then scales the limit by the RTT gradient plus sqrt headroom', () => {
    const first = g.update(g.initial(), win(10), 100);
    expect(first).toEqual({ state: { longRtt: 10 }, limit: 100 });
    expect(g.update(first.state, win(10), 100).limit).toBeCloseTo(110, 9); // gradient 1 → +sqrt(100)
    const slow = g.update(first.state, win(30), 100);
    const longRtt = 10 + (30 - 10) * (2 / 601);
    expect(slow.limit).toBeCloseTo(100 * ((1.5 * longRtt) / 30) + 10, 9);
    expect(g.update(first.state, win(100), 100).limit).toBeCloseTo(100 * 0.5 + 10, 9); // gradient clamped to 0.5
  });

  it('smooths, backs off on drops, and re-learns a slower dependency over longWindow windows', () => {
    const smooth = gradient2({ smoothing: 0.5, longWindow: 3 });
    expect(smooth.update({ longRtt: 10 }, win(10), 100).limit).toBeCloseTo(105, 9);
    expect(smooth.update({ longRtt: 10 }, win(10, { drops: 2 }), 100).limit).toBeCloseTo(90, 9);
    let state = { longRtt: 10 } as { longRtt: number | undefined };
    for (let i = 0; i < 30; i++) state = smooth.update(state, win(20), 50).state;
    expect(state.longRtt).toBeCloseTo(20, 3);
  });

  it('validates its knobs', () => {
    expect(() => gradient2({ tolerance: 0.5 })).toThrow(new RangeError('gradient2: tolerance must be a number of at least 1 (got 0.5)'));
    expect(() => gradient2({ smoothing: 0 })).toThrow(new RangeError('gradient2: smoothing must be a number in (0, 1] (got 0)'));
    expect(() => gradient2({ longWindow: 1.5 })).toThrow(new RangeError('gradient2: longWindow must be a positive integer (got 1.5)'));
  });
});

describe('both algorithms (property)', () => {
  it('propose finite, positive limits for any positive RTT sequence', () => {
    const window = fc.record({
      samples: fc.integer({ min: 0, max: 100 }),
      rtt: fc.double({ min: 0.01, max: 10_000, noNaN: true }),
      drops: fc.integer({ min: 0, max: 3 }),
    });
    for (const algorithm of [vegas(), gradient2()]) {
      fc.assert(
        fc.property(fc.array(window, { maxLength: 100 }), (windows) => {
          let state: unknown = algorithm.initial();
          let limit = 20;
          for (const w of windows) {
            const r = algorithm.update(state as never, win(w.samples === 0 ? NaN : w.rtt, { samples: w.samples, drops: w.drops, minRtt: w.rtt }), limit);
            expect(Number.isFinite(r.limit)).toBe(true);
            expect(r.limit).toBeGreaterThan(0);
            state = r.state;
            limit = Math.min(1000, Math.max(1, r.limit));
          }
        }),
      );
    }
  });
});
