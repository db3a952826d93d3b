import { checkNumber, checkOptionsObject } from '../../core/validate.js';
import type { LimitAlgorithm, LimitUpdate, WindowSummary } from './algorithm.js';

/** Knobs of the Vegas-style algorithm. */
export interface VegasOptions {
  /** Lower edge of the tolerated queue, in multiples of log10(limit): below it the limit grows. @defaultValue 3 */
  alpha?: number;
  /** Upper edge of the tolerated queue, in multiples of log10(limit): above it the limit shrinks. @defaultValue 6 */
  beta?: number;
  /** Fraction of the gap to a window's RTT by which a lower baseline rises per window. @defaultValue 0.01 */
  baselineDrift?: number;
  /** Factor applied to the limit after a window with drops (timeouts). @defaultValue 0.9 */
  backoffRatio?: number;
}

/** State of the Vegas-style algorithm. */
export interface VegasState {
  /** Estimated RTT without queueing (ms). */
  readonly baseline: number | undefined;
  /** The previous window's mean RTT, when that window cut the limit (to test whether cutting helped). */
  readonly rttBeforeCut: number | undefined;
}

// When cutting the limit did not lower the RTT, the latency is not a queue of ours: the baseline
// closes this share of the gap at once instead of drifting.
const RELEARN = 0.5;

/**
 * Vegas-style limit (after TCP Vegas and Netflix's VegasLimit): estimates the queue at the
 * dependency as `limit × (1 − baseline / rtt)` and keeps it inside a band that scales with
 * log10(limit). A small queue grows the limit (fast while the queue is near zero), a large one
 * shrinks it to the top of the band (at most halving it), drops back it off.
 *
 * The baseline is the lowest mean window RTT seen (a mean, not a single lucky minimum, so
 * ordinary latency jitter is not mistaken for a queue). It follows a faster dependency at once.
 * A slower one is re-learned two ways: slowly, by drifting `baselineDrift` of the gap per window
 * (slow enough not to mistake our own standing queue for the dependency's new speed), and fast,
 * when a cut of the limit did not lower the RTT: then the latency cannot have been our queue.
 */
export function vegas(options?: VegasOptions): LimitAlgorithm<VegasState> {
  const owner = 'vegas';
  const o = checkOptionsObject<VegasOptions>(owner, options);
  const alpha = o.alpha === undefined ? 3 : checkNumber(owner, 'alpha', o.alpha, { min: 0, exclusive: true }, 'a positive number');
  const beta = o.beta === undefined ? Math.max(6, alpha) : checkNumber(owner, 'beta', o.beta, { min: alpha }, `a number of at least alpha (${String(alpha)})`);
  const drift = o.baselineDrift === undefined ? 0.01 : checkNumber(owner, 'baselineDrift', o.baselineDrift, { min: 0, max: 1 }, 'a number between 0 and 1');
  const backoff = o.backoffRatio === undefined ? 0.9 : checkNumber(owner, 'backoffRatio', o.backoffRatio, { min: 0.5, max: 1 }, 'a number between 0.5 and 1');
  return Object.freeze({
    name: 'vegas',
    initial: (): VegasState => ({ baseline: undefined, rttBeforeCut: undefined }),
    update(state: VegasState, w: WindowSummary, limit: number): LimitUpdate<VegasState> {
      if (w.drops > 0) return { state: { ...state, rttBeforeCut: undefined }, limit: limit * backoff };
      if (w.samples === 0) return { state, limit };
      const rtt = w.avgRtt;
      const previous = state.baseline;
      if (previous === undefined) return { state: { baseline: rtt, rttBeforeCut: undefined }, limit };
      const cutDidNotHelp = state.rttBeforeCut !== undefined && rtt >= state.rttBeforeCut * 0.95;
      const baseline = rtt < previous ? rtt : previous + (rtt - previous) * (cutDidNotHelp ? RELEARN : drift);
      const lg = Math.max(1, Math.log10(limit));
      const queue = limit * (1 - baseline / rtt);
      const keep = { baseline, rttBeforeCut: undefined };
      if (queue <= lg) return { state: keep, limit: limit + beta * lg };
      if (queue < alpha * lg) return { state: keep, limit: limit + lg };
      if (queue > beta * lg) return { state: { baseline, rttBeforeCut: rtt }, limit: Math.max(limit / 2, limit - (queue - beta * lg)) };
      return { state: keep, limit };
    },
  });
}
