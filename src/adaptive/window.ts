import type { WindowSummary } from './algorithms/algorithm.js';

/** Samples collected since the last limit update (plain data; every function here is pure). */
export interface SampleWindow {
  readonly startedAt: number;
  readonly samples: number;
  readonly rttSum: number;
  readonly minRtt: number;
  readonly maxInFlight: number;
  readonly drops: number;
}

/** When a window is complete. */
export interface WindowRule {
  /** Shortest window, in ms. */
  readonly windowMs: number;
  /** Fewest outcomes (samples + drops) per window. */
  readonly minSamples: number;
}

/** An empty window starting at `now`. */
export function openWindow(now: number): SampleWindow {
  return { startedAt: now, samples: 0, rttSum: 0, minRtt: Infinity, maxInFlight: 0, drops: 0 };
}

/** `w` plus a success that took `rtt` ms and started with `inFlight` calls running (itself included). */
export function addSample(w: SampleWindow, rtt: number, inFlight: number): SampleWindow {
  // Spelled out rather than spread: this runs once per call and a literal keeps one object shape.
  return {
    startedAt: w.startedAt,
    samples: w.samples + 1,
    rttSum: w.rttSum + rtt,
    minRtt: rtt < w.minRtt ? rtt : w.minRtt,
    maxInFlight: inFlight > w.maxInFlight ? inFlight : w.maxInFlight,
    drops: w.drops,
  };
}

/** `w` plus a drop (overload signal) of a call that started with `inFlight` calls running. */
export function addDrop(w: SampleWindow, inFlight: number): SampleWindow {
  return {
    startedAt: w.startedAt,
    samples: w.samples,
    rttSum: w.rttSum,
    minRtt: w.minRtt,
    maxInFlight: inFlight > w.maxInFlight ? inFlight : w.maxInFlight,
    drops: w.drops + 1,
  };
}

/** True when `w` has lasted long enough and seen enough outcomes to act on at `now`. */
export function isComplete(w: SampleWindow, now: number, rule: WindowRule): boolean {
  return w.samples + w.drops >= rule.minSamples && now - w.startedAt >= rule.windowMs;
}

/** What the algorithm sees of a complete window. */
export function summarize(w: SampleWindow): WindowSummary {
  return {
    samples: w.samples,
    avgRtt: w.samples === 0 ? NaN : w.rttSum / w.samples,
    minRtt: w.minRtt,
    maxInFlight: w.maxInFlight,
    drops: w.drops,
  };
}
