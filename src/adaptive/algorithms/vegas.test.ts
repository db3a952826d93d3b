import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../core/random.js';
import type { WindowSummary } from './algorithm.js';
import { vegas, type VegasState } from './vegas.js';
import { JUDGE_WINDOWS, judgeCut, probeResult, startCut } from './vegas-baseline.js';

const win = (avgRtt: number, maxInFlight: number): WindowSummary => ({ samples: 50, avgRtt, minRtt: avgRtt, maxInFlight, drops: 0 });

/**
 * A saturated server with `knee` workers and a FIFO queue, one window at a time: the client keeps
 * `floor(limit)` calls in flight, so the RTT is `base × max(1, inFlight / knee)`. Calls started
 * before a cut finish in the window after it (its `maxInFlight` is the larger of the two).
 */
function saturate(knee: number, base: (window: number) => number, windows: number, initialLimit = 20, minLimit = 1) {
  const v = vegas();
  let state: VegasState = v.initial();
  let limit = initialLimit;
  let before = Math.floor(limit);
  const limits: number[] = [];
  for (let i = 0; i < windows; i++) {
    const inFlight = Math.floor(limit);
    const r = v.update(state, win(base(i) * Math.max(1, inFlight / knee), Math.max(before, inFlight)), limit);
    before = inFlight;
    state = r.state;
    limit = Math.min(1000, Math.max(minLimit, r.limit));
    limits.push(limit);
  }
  return { state, limit, limits };
}

// With the default band (3 to 6 × log10(limit) calls queued) a saturated Vegas sits this far past the knee.
const band = (knee: number): [number, number] => [knee, knee + 6 * Math.log10(2 * knee) + 1];

describe('vegas baseline', () => {
  it('holds the limit past the knee by its band under sustained overload, instead of learning its own queue', () => {
    // Regression: drifting the baseline toward every window's RTT learned the queue the band keeps
    // and raised the limit without end (1.9× the knee after a minute of 1.5× overload).
    const r = saturate(20, () => 40, 4000);
    const [lo, hi] = band(20);
    expect(r.state.baseline).toBeCloseTo(40, 6);
    expect(Math.min(...r.limits.slice(100))).toBeGreaterThanOrEqual(lo * 0.75 ** 2); // probes dip two steps at most
    expect(Math.max(...r.limits.slice(100))).toBeLessThanOrEqual(hi);
    expect(r.limit).toBeGreaterThanOrEqual(lo);
  });

  it('finds the knee when it starts in use above it (the first RTT already holds a queue of ours)', () => {
    const r = saturate(5, () => 40, 200, 20);
    expect(r.state.baseline).toBeCloseTo(40, 6);
    const [lo, hi] = band(5);
    expect(r.limit).toBeGreaterThanOrEqual(lo);
    expect(r.limit).toBeLessThanOrEqual(hi);
  });

  it('learns a slower dependency within a few windows and returns to the knee once it is fast again', () => {
    const slow = (i: number): number => (i >= 200 && i < 400 ? 120 : 40);
    const r = saturate(20, slow, 400);
    expect(r.state.baseline).toBeCloseTo(120, 6);
    const [lo, hi] = band(20);
    expect(Math.min(...r.limits.slice(220))).toBeGreaterThanOrEqual(lo * 0.75 ** 2);
    expect(r.limit).toBeGreaterThanOrEqual(lo);
    const back = saturate(20, slow, 450);
    expect(back.state.baseline).toBeCloseTo(40, 6);
    expect(back.limit).toBeGreaterThanOrEqual(lo);
    expect(back.limit).toBeLessThanOrEqual(hi);
  });

  it('does not live in probes when window RTTs are noisy (each lower window looks like a sudden drop)', () => {
    const v = vegas();
    const random = seededRandom(3);
    let state: VegasState = v.initial();
    let limit = 20;
    let probing = 0;
    for (let i = 0; i < 2000; i++) {
      const r = v.update(state, win(40 * (1 + random()), Math.floor(limit)), limit);
      state = r.state;
      limit = Math.min(1000, Math.max(1, r.limit));
      if (state.cut?.probe === true) probing++;
    }
    expect(probing / 2000).toBeLessThan(0.1);
    expect(limit).toBeGreaterThan(20);
  });

  it('never holds a probe for good when the limit cannot go lower', () => {
    const r = saturate(1, () => 40, 300, 1);
    expect(r.limit).toBeGreaterThanOrEqual(1);
    const floored = saturate(40, () => 40, 300, 10, 10);
    // minLimit 10 stops every probe step: each expires after JUDGE_WINDOWS and the limit grows again.
    expect(floored.state.cut).toBeUndefined();
    expect(floored.limit).toBeGreaterThan(40);
  });

  it('judges a cut only once the calls in flight fell by a tenth, against half the fall', () => {
    const cut = startCut(win(80, 20), false);
    expect(judgeCut(cut, win(80, 19))).toBe('pending');
    expect(judgeCut({ ...cut, waited: JUDGE_WINDOWS - 1 }, win(80, 19))).toBe('expired');
    expect(judgeCut(cut, win(60, 15))).toBe('helped'); // fell 25 %, RTT fell 25 %
    expect(judgeCut(cut, win(70, 15))).toBe('helped'); // RTT fell 12.5 %: exactly half as fast
    expect(judgeCut(cut, win(71, 15))).toBe('did-not-help');
  });

  it('steps a probe lower while the RTT falls with the calls in flight, and takes the RTT where it stops', () => {
    expect(probeResult('helped', 50, 60, 20)).toEqual({ baseline: 50, again: true });
    expect(probeResult('helped', 50, 40, 20)).toEqual({ baseline: 40, again: true });
    expect(probeResult('helped', 50, 60, 1)).toEqual({ baseline: 50, again: false });
    expect(probeResult('did-not-help', 70, 40, 20)).toEqual({ baseline: 70, again: false });
    expect(probeResult('did-not-help', 30, 40, 20)).toEqual({ baseline: 30, again: false });
  });
});
