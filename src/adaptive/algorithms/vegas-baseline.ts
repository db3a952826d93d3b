// How the Vegas-style algorithm keeps its baseline (the RTT without a queue of ours) honest. Two
// tests, both pure: a cut of the limit is judged once it took effect (did the RTT fall with the
// calls in flight?), and a probe lowers the limit step by step until the RTT stops falling.
import type { WindowSummary } from './algorithm.js';

/** A cut of the limit waiting for its verdict. */
export interface VegasCut {
  /** Mean RTT of the window that cut the limit (ms). */
  readonly rtt: number;
  /** Most calls in flight in that window. */
  readonly inFlight: number;
  /** A probe of the baseline (the limit holds until it is judged) rather than a cut for a queue. */
  readonly probe: boolean;
  /** Windows that ended without a verdict so far. */
  readonly waited: number;
}

/** What a cut's verdict says. */
export type CutVerdict = 'pending' | 'helped' | 'did-not-help' | 'expired';

/** Calls in flight must fall by this share before a cut is judged: less moves the RTT less than its noise. */
export const JUDGE_FALL = 0.1;
/** A cut without a verdict after this many windows is forgotten (the calls in flight never fell). */
export const JUDGE_WINDOWS = 4;
/** Windows that used the limit between two probes of the baseline (≥ 25 s at the default 250 ms window). */
export const PROBE_EVERY = 100;
/** Each probe step multiplies the limit by this. */
export const PROBE_STEP = 0.75;

/** A new cut (or probe) taken in window `w`. */
export function startCut(w: WindowSummary, probe: boolean): VegasCut {
  return { rtt: w.avgRtt, inFlight: w.maxInFlight, probe, waited: 0 };
}

/**
 * The verdict on `cut` from window `w`. Past the knee the RTT is proportional to the calls in
 * flight, so a queue of ours shrinks at least half as fast as they do; an RTT that fell less
 * than that is the dependency's own speed (`did-not-help`).
 */
export function judgeCut(cut: VegasCut, w: WindowSummary): CutVerdict {
  const fell = 1 - w.maxInFlight / cut.inFlight;
  if (fell < JUDGE_FALL) return cut.waited + 1 >= JUDGE_WINDOWS ? 'expired' : 'pending';
  return w.avgRtt > cut.rtt * (1 - fell / 2) ? 'did-not-help' : 'helped';
}

/** `cut` after one more window without a verdict. */
export function waitLonger(cut: VegasCut): VegasCut {
  return { ...cut, waited: cut.waited + 1 };
}

/**
 * The baseline after a judged probe step measured `rtt` at `limit`, and whether to step lower.
 * While the RTT falls with the calls in flight we are still past the knee: step lower (one step
 * cannot tell the knee from a point past it). Once it stops falling, that RTT is the baseline,
 * whether above the old one (the dependency got slower) or below it (it held a queue of ours).
 */
export function probeResult(verdict: 'helped' | 'did-not-help', rtt: number, baseline: number, limit: number): { baseline: number; again: boolean } {
  if (verdict === 'did-not-help') return { baseline: rtt, again: false };
  return { baseline: Math.min(baseline, rtt), again: limit * PROBE_STEP >= 1 };
}
